import Foundation

extension Store {
    static let upsertRotaName = """
        INSERT INTO rota_names (org_id, person, member_id) VALUES (?, ?, ?)
        ON CONFLICT (org_id, person) DO UPDATE SET member_id = excluded.member_id
        """
    static let linkShifts = "UPDATE shifts SET member_id = ? WHERE org_id = ? AND person = ? COLLATE NOCASE"
    static let selectRotaPeople = """
        SELECT DISTINCT person FROM shifts WHERE org_id = ? AND starts_at < ? AND ends_at > ? ORDER BY person
        """

    /// Links the rota name to the member, for the shifts already imported and those to come; returns how many
    /// shifts it linked now.
    @discardableResult
    public func linkRotaName(_ person: String, memberID: Int64, orgID: Int64) throws -> Int {
        try write {
            try database.execute(Self.upsertRotaName, [.integer(orgID), .text(person), .integer(memberID)])
            try database.execute(Self.linkShifts, [.integer(memberID), .integer(orgID), .text(person)])
            return database.changes
        }
    }

    /// The org's linked rota names, lowercased, with their members.
    public func rotaNames(orgID: Int64) throws -> [String: Int64] {
        var result: [String: Int64] = [:]
        try database.forEachRow("SELECT person, member_id FROM rota_names WHERE org_id = ?", [.integer(orgID)]) {
            result[$0.string(0).lowercased()] = $0.int64(1)
        }
        return result
    }

    /// The names on the shifts of `start ..< end`.
    public func rotaPeople(orgID: Int64, from start: Date, to end: Date) throws -> [String] {
        try database.query(
            Self.selectRotaPeople,
            [
                .integer(orgID), .integer(Int64(end.timeIntervalSince1970)),
                .integer(Int64(start.timeIntervalSince1970)),
            ]
        ) { $0.string(0) }
    }
}
