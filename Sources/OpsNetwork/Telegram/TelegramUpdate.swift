/// The parts of a Bot API update the bot acts on. At most one of message, callback and membership is set.
public struct TelegramUpdate: Sendable, Equatable {
    public struct User: Sendable, Equatable {
        public let id: Int64
        public let firstName: String
        public let username: String?
        public let isBot: Bool
        /// The user's app language ("en", "de"), when Telegram says.
        public var languageCode: String? = nil
    }

    public struct Chat: Sendable, Equatable {
        public let id: Int64
        /// "private", "group", "supergroup" or "channel".
        public let type: String
        public let title: String?
    }

    public struct Document: Sendable, Equatable {
        public let fileID: String
        public let fileName: String
        public let fileSize: Int?
    }

    public struct Message: Sendable, Equatable {
        public let id: Int64
        public let chat: Chat
        public let from: User?
        public let text: String?
        public let document: Document?
        /// The group became a supergroup with this id.
        public let migrateToChatID: Int64?
        /// The message answers one of the bot's own.
        public let repliesToBot: Bool
    }

    public struct Callback: Sendable, Equatable {
        public let id: String
        public let from: User
        public let message: Message?
        public let data: String?
    }

    public let id: Int64
    public let message: Message?
    public let callback: Callback?
    /// The bot's own membership changed: "member", "administrator", "left", "kicked"; `was` is the status before.
    public let membership: (chat: Chat, status: String, was: String?)?

    public static func == (lhs: TelegramUpdate, rhs: TelegramUpdate) -> Bool {
        lhs.id == rhs.id && lhs.message == rhs.message && lhs.callback == rhs.callback
            && lhs.membership?.chat == rhs.membership?.chat && lhs.membership?.status == rhs.membership?.status
            && lhs.membership?.was == rhs.membership?.was
    }

    /// Decodes one update; nil without an `update_id` that Int64 holds. Parts that do not decode (a chat id past
    /// Int64, a missing field) are left out, so the update is still confirmed and skipped, never a trap.
    public init?(_ json: JSONValue) {
        guard let id = json["update_id"]?.int64 else { return nil }
        self.id = id
        message = (json["message"] ?? json["edited_message"]).flatMap(Self.message)
        callback = json["callback_query"].flatMap { query in
            guard let id = query["id"]?.string, let from = query["from"].flatMap(Self.user) else { return nil }
            return Callback(
                id: id, from: from, message: query["message"].flatMap(Self.message), data: query["data"]?.string)
        }
        membership = json["my_chat_member"].flatMap { update in
            guard let chat = update["chat"].flatMap(Self.chat),
                let status = update["new_chat_member"]?["status"]?.string
            else { return nil }
            return (chat, status, update["old_chat_member"]?["status"]?.string)
        }
    }

    static func user(_ json: JSONValue) -> User? {
        guard let id = json["id"]?.int64 else { return nil }
        return User(
            id: id, firstName: json["first_name"]?.string ?? "", username: json["username"]?.string,
            isBot: json["is_bot"]?.bool ?? false, languageCode: json["language_code"]?.string)
    }

    static func chat(_ json: JSONValue) -> Chat? {
        guard let id = json["id"]?.int64, let type = json["type"]?.string else { return nil }
        return Chat(id: id, type: type, title: json["title"]?.string)
    }

    static func message(_ json: JSONValue) -> Message? {
        guard let id = json["message_id"]?.int64, let chat = json["chat"].flatMap(Self.chat) else { return nil }
        let document = json["document"].flatMap { document -> Document? in
            guard let fileID = document["file_id"]?.string else { return nil }
            return Document(
                fileID: fileID, fileName: document["file_name"]?.string ?? "file", fileSize: document["file_size"]?.int)
        }
        return Message(
            id: id, chat: chat, from: json["from"].flatMap(Self.user),
            text: json["text"]?.string ?? json["caption"]?.string,
            document: document, migrateToChatID: json["migrate_to_chat_id"]?.int64,
            repliesToBot: json["reply_to_message"]?["from"]?["is_bot"]?.bool ?? false)
    }
}
