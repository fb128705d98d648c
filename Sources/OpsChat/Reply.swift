/// What the bot says back, independent of any platform: each transport renders it its own way.
public struct Reply: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// The headline: what was asked and for which period. Rendered bold where the platform can.
        case title(String)
        case text(String)
        /// A monospace table; lines fit 32 characters.
        case table(Table)
    }

    /// A button under the reply; pressing it sends `action` back as if it were typed.
    public struct Button: Sendable, Equatable {
        public let label: String
        public let action: String

        public init(label: String, action: String) {
            self.label = label
            self.action = action
        }
    }

    /// A file sent with the reply (CSV, PNG, HTML).
    public struct Attachment: Sendable, Equatable {
        public let fileName: String
        public let mimeType: String
        public let bytes: [UInt8]

        public init(fileName: String, mimeType: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.mimeType = mimeType
            self.bytes = bytes
        }
    }

    /// What kind of answer this is, for the transports' policies (groups hear no "didn't get that").
    public enum Kind: Sendable, Equatable {
        case answer
        /// The message matched nothing the bot can do; the reply suggests what it can.
        case notUnderstood
        /// Done to something already in the chat (an alert acknowledged, which edits its message): pressed as a
        /// button, the reply is the button's notice, not a new message in a busy group.
        case done
    }

    public var blocks: [Block]
    public var buttons: [Button]
    public var attachments: [Attachment]
    public var kind: Kind

    public init(blocks: [Block] = [], buttons: [Button] = [], attachments: [Attachment] = [], kind: Kind = .answer) {
        self.blocks = blocks
        self.buttons = buttons
        self.attachments = attachments
        self.kind = kind
    }

    public static func text(_ text: String) -> Reply { Reply(blocks: [.text(text)]) }

    /// The reply as plain text lines, tables laid out in monospace: the console's rendering.
    public var plainText: String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .title(let text), .text(let text): parts.append(text)
            case .table(let table): parts.append(table.rendered())
            }
        }
        return parts.joined(separator: "\n")
    }
}
