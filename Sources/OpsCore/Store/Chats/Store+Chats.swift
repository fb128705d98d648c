import Foundation

extension Store {
    public struct ChatRecord: Sendable, Equatable {
        public let transport: String
        public let chatKey: String
        public let kind: String
        public let title: String?
        public let active: Bool
        public let receivesAlerts: Bool
    }

    static let upsertChatSQL = """
        INSERT INTO chats (org_id, transport, chat_key, kind, title, active) VALUES (?, ?, ?, ?, ?, 1)
        ON CONFLICT (transport, chat_key) DO UPDATE SET title = COALESCE(excluded.title, chats.title), active = 1
        """
    static let setChatActiveSQL = "UPDATE chats SET active = ? WHERE transport = ? AND chat_key = ?"
    static let migrateChatSQL = "UPDATE chats SET chat_key = ?, kind = 'group' WHERE transport = ? AND chat_key = ?"
    static let selectChat = """
        SELECT transport, chat_key, kind, title, active, receives_alerts FROM chats WHERE transport = ? AND chat_key = ?
        """

    /// Remembers a chat the bot has heard from (active again if it had left). It gets no alerts until a manager
    /// or the owner says so there (`/start`, "alerts here"): anyone can add a bot to a group.
    public func recordChat(orgID: Int64, transport: String, chatKey: String, kind: String, title: String?) throws {
        try database.execute(
            Self.upsertChatSQL, [.integer(orgID), .text(transport), .text(chatKey), .text(kind), .optionalText(title)])
    }

    /// A chat the bot was removed from or blocked in: no more sends until it hears from it again.
    public func setChatActive(_ active: Bool, transport: String, chatKey: String) throws {
        try database.execute(Self.setChatActiveSQL, [.int(active ? 1 : 0), .text(transport), .text(chatKey)])
    }

    /// A group that became a supergroup under a new id keeps its settings.
    public func migrateChat(transport: String, from oldKey: String, to newKey: String) throws {
        try write {
            if try chat(transport: transport, chatKey: newKey) != nil {
                try database.execute(
                    "DELETE FROM chats WHERE transport = ? AND chat_key = ?", [.text(transport), .text(newKey)])
            }
            try database.execute(Self.migrateChatSQL, [.text(newKey), .text(transport), .text(oldKey)])
        }
    }

    public func chat(transport: String, chatKey: String) throws -> ChatRecord? {
        try database.queryFirst(Self.selectChat, [.text(transport), .text(chatKey)]) { row in
            ChatRecord(
                transport: row.string(0), chatKey: row.string(1), kind: row.string(2), title: row.optionalString(3),
                active: row.int(4) == 1, receivesAlerts: row.int(5) == 1)
        }
    }

    public func setChatReceivesAlerts(_ on: Bool, transport: String, chatKey: String) throws {
        try database.execute(
            "UPDATE chats SET receives_alerts = ? WHERE transport = ? AND chat_key = ?",
            [.int(on ? 1 : 0), .text(transport), .text(chatKey)])
    }

    /// Active chats that get the org's alerts.
    public func alertChats(orgID: Int64) throws -> [ChatRecord] {
        try database.query(
            """
            SELECT transport, chat_key, kind, title, active, receives_alerts FROM chats
            WHERE org_id = ? AND active = 1 AND receives_alerts = 1 ORDER BY id
            """, [.integer(orgID)]
        ) { row in
            ChatRecord(
                transport: row.string(0), chatKey: row.string(1), kind: row.string(2), title: row.optionalString(3),
                active: row.int(4) == 1, receivesAlerts: row.int(5) == 1)
        }
    }
}
