import Foundation

extension Store {
    public func member(id: Int64) throws -> Member? {
        try database.queryFirst(
            "SELECT \(Self.memberColumns) FROM members WHERE id = ?", [.integer(id)], Self.decodeMember)
    }

    public func setRole(_ role: Role, memberID: Int64) throws {
        try database.execute("UPDATE members SET role = ? WHERE id = ?", [.text(role.rawValue), .integer(memberID)])
    }

    public func removeMember(id: Int64) throws {
        try database.execute("DELETE FROM members WHERE id = ?", [.integer(id)])
    }

    /// Whether someone owns the shop on a chat platform (the terminal's owner does not count: a bot needs one
    /// who can be reached in chat).
    public func hasChatOwner(orgID: Int64) throws -> Bool {
        try database.queryInt(
            "SELECT COUNT(*) FROM members WHERE org_id = ? AND role = 'owner' AND transport <> 'console'",
            [.integer(orgID)]) > 0
    }

    /// The shop's owners, oldest first: who hears what only an owner can mend.
    public func ownerIDs(orgID: Int64) throws -> [Int64] {
        try database.query(
            "SELECT id FROM members WHERE org_id = ? AND role = 'owner' ORDER BY id", [.integer(orgID)]
        ) { $0.int64(0) }
    }

    /// The member's private chat with the bot, when they have one (on Telegram its id is the user's id).
    public func privateChat(memberID: Int64) throws -> (transport: String, chatKey: String)? {
        try database.queryFirst(
            """
            SELECT c.transport, c.chat_key FROM members m
            JOIN chats c ON c.transport = m.transport AND c.chat_key = m.user_key AND c.kind = 'private' AND c.active = 1
            WHERE m.id = ?
            """, [.integer(memberID)]
        ) { ($0.string(0), $0.string(1)) }
    }

    /// Queues a message to a member's private chat; false when they have none (they never wrote to the bot).
    @discardableResult
    public func notify(memberID: Int64, orgID: Int64, _ text: String, now: Date) throws -> Bool {
        guard let chat = try privateChat(memberID: memberID) else { return false }
        try enqueueDelivery(
            orgID: orgID, channel: .chat, transport: chat.transport, target: chat.chatKey, kind: .notice, alertIDs: [],
            body: text, now: now)
        return true
    }

    public func orgSetting(_ key: String, orgID: Int64) throws -> String? {
        try database.queryFirst(
            "SELECT value FROM org_settings WHERE org_id = ? AND key = ?", [.integer(orgID), .text(key)]
        ) { $0.string(0) }
    }

    public func setOrgSetting(_ key: String, _ value: String, orgID: Int64) throws {
        try database.execute(
            """
            INSERT INTO org_settings (org_id, key, value) VALUES (?, ?, ?)
            ON CONFLICT (org_id, key) DO UPDATE SET value = excluded.value
            """, [.integer(orgID), .text(key), .text(value)])
    }

    /// One line of the activity feed.
    public struct ActivityEntry: Sendable, Equatable {
        public let at: Date
        public let kind: String
        public let summary: String
    }

    /// The feed since `since`, newest first.
    public func activity(orgID: Int64, since: Date, limit: Int = 30) throws -> [ActivityEntry] {
        try database.query(
            "SELECT at, kind, summary FROM activity WHERE org_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?",
            [.integer(orgID), .integer(Int64(since.timeIntervalSince1970)), .int(limit)]
        ) {
            ActivityEntry(
                at: Date(timeIntervalSince1970: TimeInterval($0.int(0))), kind: $0.string(1), summary: $0.string(2))
        }
    }
}
