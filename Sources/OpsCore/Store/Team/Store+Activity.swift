import Foundation

extension Store {
    static let insertActivity = "INSERT INTO activity (org_id, at, member_id, kind, summary) VALUES (?, ?, ?, ?, ?)"

    /// Adds one line to the org's activity feed.
    public func recordActivity(orgID: Int64, memberID: Int64?, kind: String, summary: String, at: Date) throws {
        try database.execute(
            Self.insertActivity,
            [
                .integer(orgID), .integer(Int64(at.timeIntervalSince1970)), memberID.map { .integer($0) } ?? .null,
                .text(kind), .text(summary),
            ])
    }
}
