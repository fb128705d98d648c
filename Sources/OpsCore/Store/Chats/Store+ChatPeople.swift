import Foundation

extension Store {
    /// Someone who wrote in a chat: members active there are offered first when an alert is assigned.
    public struct ChatPerson: Sendable, Equatable {
        public let transport: String
        public let userKey: String
        public let name: String
        public let handle: String?
    }

    static let upsertChatPersonSQL = """
        INSERT INTO chat_people (transport, chat_key, user_key, name, handle, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (transport, chat_key, user_key) DO UPDATE SET
            name = excluded.name, handle = excluded.handle, last_seen_at = excluded.last_seen_at
        """
    static let selectChatPeople = """
        SELECT transport, user_key, name, handle FROM chat_people WHERE transport = ? AND chat_key = ?
        ORDER BY last_seen_at DESC
        """

    public func recordChatPerson(
        transport: String, chatKey: String, userKey: String, name: String, handle: String?, now: Date
    ) throws {
        try database.execute(
            Self.upsertChatPersonSQL,
            [
                .text(transport), .text(chatKey), .text(userKey), .text(name), .optionalText(handle),
                .integer(Int64(now.timeIntervalSince1970)),
            ])
    }

    /// People seen in a chat, most recently active first.
    public func chatPeople(transport: String, chatKey: String) throws -> [ChatPerson] {
        try database.query(Self.selectChatPeople, [.text(transport), .text(chatKey)]) {
            ChatPerson(transport: $0.string(0), userKey: $0.string(1), name: $0.string(2), handle: $0.optionalString(3))
        }
    }
}
