import Foundation

extension Store {
    static let memberColumns = "id, org_id, transport, user_key, name, handle, role"
    static let selectMemberByKey = "SELECT \(memberColumns) FROM members WHERE transport = ? AND user_key = ?"
    static let selectMembers = "SELECT \(memberColumns) FROM members WHERE org_id = ? ORDER BY name COLLATE NOCASE"
    static let upsertMemberSQL = """
        INSERT INTO members (org_id, transport, user_key, name, handle, role, joined_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (transport, user_key) DO UPDATE SET name = excluded.name, handle = excluded.handle
        """

    public func member(transport: String, userKey: String) throws -> Member? {
        try database.queryFirst(Self.selectMemberByKey, [.text(transport), .text(userKey)], Self.decodeMember)
    }

    public func members(orgID: Int64) throws -> [Member] {
        try database.query(Self.selectMembers, [.integer(orgID)], Self.decodeMember)
    }

    /// Adds a member, or refreshes the name and handle of the one with this transport and user key.
    /// An existing member keeps their role.
    @discardableResult
    public func upsertMember(
        orgID: Int64, transport: String, userKey: String, name: String, handle: String? = nil, role: Role,
        now: Date = Date()
    ) throws -> Member {
        try database.execute(
            Self.upsertMemberSQL,
            [
                .integer(orgID), .text(transport), .text(userKey), .text(name), .optionalText(handle),
                .text(role.rawValue), .integer(Int64(now.timeIntervalSince1970)),
            ])
        guard let member = try member(transport: transport, userKey: userKey) else {
            throw DatabaseError.unexpectedValue(
                column: "members", expected: "the member just saved", sql: Self.upsertMemberSQL)
        }
        return member
    }

    static func decodeMember(_ row: Row) -> Member {
        Member(
            id: row.int64(0), orgID: row.int64(1), transport: row.string(2), userKey: row.string(3),
            name: row.string(4), handle: row.optionalString(5), role: Role(rawValue: row.string(6)) ?? .staff)
    }
}
