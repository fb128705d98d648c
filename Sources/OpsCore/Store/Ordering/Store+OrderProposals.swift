import Foundation

extension Store {
    static let insertOrderProposal = "INSERT INTO order_proposals (org_id, supplier, made_at) VALUES (?, ?, ?)"
    static let insertOrderProposalLine =
        "INSERT INTO order_proposal_lines (proposal_id, product_id, quantity, due_at) VALUES (?, ?, ?, ?)"
    static let selectOrderProposal =
        "SELECT id, supplier, made_at, approved_at, approved_by FROM order_proposals WHERE id = ? AND org_id = ?"
    static let selectOrderProposalLines =
        "SELECT product_id, quantity, due_at FROM order_proposal_lines WHERE proposal_id = ? ORDER BY rowid"

    /// Keeps an order list as shown and returns its id; lists older than a week are let go.
    public func saveOrderProposal(orgID: Int64, supplier: String?, lines: [OrderProposal.Line], now: Date) throws
        -> Int64
    {
        try write {
            try database.execute(
                "DELETE FROM order_proposals WHERE org_id = ? AND made_at < ?",
                [.integer(orgID), .integer(Int64(now.timeIntervalSince1970) - 7 * 86_400)])
            try database.execute(
                Self.insertOrderProposal,
                [.integer(orgID), supplier.map { .text($0) } ?? .null, .integer(Int64(now.timeIntervalSince1970))])
            let id = database.lastInsertedRowID
            for line in lines {
                try database.execute(
                    Self.insertOrderProposalLine,
                    [
                        .integer(id), .integer(line.productID), .integer(Int64(line.quantity)),
                        line.dueAt.map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null,
                    ])
            }
            return id
        }
    }

    /// The org's kept order list `id`, with its lines; nil when it is not the org's or was let go.
    public func orderProposal(id: Int64, orgID: Int64) throws -> OrderProposal? {
        guard
            var proposal = try database.queryFirst(
                Self.selectOrderProposal, [.integer(id), .integer(orgID)],
                { row in
                    OrderProposal(
                        id: row.int64(0), supplier: row.optionalString(1),
                        madeAt: Date(timeIntervalSince1970: TimeInterval(row.int64(2))),
                        approvedAt: row.optionalInt(3).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                        approvedBy: row.optionalString(4), lines: [])
                })
        else { return nil }
        proposal.lines = try database.query(Self.selectOrderProposalLines, [.integer(id)]) { row in
            OrderProposal.Line(
                productID: row.int64(0), quantity: row.int(1),
                dueAt: row.optionalInt(2).map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
        return proposal
    }

    /// Marks the list approved; false when it already was (a second press, or a callback delivered twice).
    public func markOrderProposalApproved(id: Int64, by name: String, now: Date) throws -> Bool {
        try database.execute(
            "UPDATE order_proposals SET approved_at = ?, approved_by = ? WHERE id = ? AND approved_at IS NULL",
            [.integer(Int64(now.timeIntervalSince1970)), .text(name), .integer(id)])
        return database.changes > 0
    }
}
