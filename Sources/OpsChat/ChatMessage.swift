import Foundation

/// A message from any chat platform, in the platform-neutral form `Conversation` understands.
public struct ChatMessage: Sendable {
    public enum ChatKind: String, Sendable {
        case privateChat = "private"
        case group
    }

    public struct Chat: Sendable, Equatable {
        /// The platform's chat id, as text.
        public let id: String
        public let kind: ChatKind
        public let title: String?

        public init(id: String, kind: ChatKind, title: String? = nil) {
            self.id = id
            self.kind = kind
            self.title = title
        }
    }

    public struct Sender: Sendable, Equatable {
        /// The platform's stable user id, as text; members are found by it, never by name.
        public let userKey: String
        public let displayName: String
        public let handle: String?
        /// The language of the sender's app ("en", "de-AT"), where the platform says: the setup offers time zones
        /// from it.
        public let languageCode: String?

        public init(userKey: String, displayName: String, handle: String? = nil, languageCode: String? = nil) {
            self.userKey = userKey
            self.displayName = displayName
            self.handle = handle
            self.languageCode = languageCode
        }
    }

    /// A file sent with the message; the transport knows how to fetch its bytes.
    public struct Attachment: Sendable {
        public let fileName: String
        public let size: Int
        public let fetch: @Sendable () async throws -> [UInt8]

        public init(fileName: String, size: Int, fetch: @escaping @Sendable () async throws -> [UInt8]) {
            self.fileName = fileName
            self.size = size
            self.fetch = fetch
        }
    }

    /// The transport's name ("console", "telegram"): with `sender.userKey` it identifies the member.
    public let transport: String
    public let chat: Chat
    public let sender: Sender
    public let text: String
    public let attachment: Attachment?
    /// The action of a pressed button, when the message is a button press.
    public let action: String?
    public let receivedAt: Date

    public init(
        transport: String, chat: Chat, sender: Sender, text: String, attachment: Attachment? = nil,
        action: String? = nil, receivedAt: Date = Date()
    ) {
        self.transport = transport
        self.chat = chat
        self.sender = sender
        self.text = text
        self.attachment = attachment
        self.action = action
        self.receivedAt = receivedAt
    }
}
