import Foundation

extension Store {
    static let upsertReview = """
        INSERT INTO reviews (org_id, review_key, reviewed_at, rating, author, text, import_id)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, review_key) DO UPDATE SET reviewed_at = excluded.reviewed_at, rating = excluded.rating,
            author = excluded.author, text = excluded.text, import_id = excluded.import_id
        WHERE reviews.reviewed_at <> excluded.reviewed_at OR reviews.rating IS NOT excluded.rating
            OR reviews.author <> excluded.author OR reviews.text <> excluded.text
        """
    static let selectReviewKey = "SELECT 1 FROM reviews WHERE org_id = ? AND review_key = ?"

    /// Stores a review by its key; what it did (inserted, updated, unchanged).
    func upsertReview(_ review: Review, key: String, orgID: Int64, importID: Int64?) throws -> SalesWriter.Outcome {
        let existed =
            try database.queryFirst(Self.selectReviewKey, [.integer(orgID), .text(key)]) { _ in true } ?? false
        try database.execute(
            Self.upsertReview,
            [
                .integer(orgID), .text(key), .integer(Int64(review.reviewedAt.timeIntervalSince1970)),
                .optionalInt(review.rating), .text(review.author), .text(review.text),
                importID.map { .integer($0) } ?? .null,
            ])
        if !existed { return .inserted }
        return database.changes > 0 ? .updated : .unchanged
    }

    /// The reviews written at or after `start` and before `end`, oldest first.
    public func reviews(orgID: Int64, from start: Date, to end: Date) throws -> [Review] {
        try database.query(
            """
            SELECT reviewed_at, rating, author, text FROM reviews WHERE org_id = ? AND reviewed_at >= ? AND reviewed_at < ?
            ORDER BY reviewed_at, id
            """,
            [.integer(orgID), .integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))]
        ) { row in
            Review(
                reviewedAt: Date(timeIntervalSince1970: TimeInterval(row.int64(0))), rating: row.optionalInt(1),
                author: row.string(2), text: row.string(3))
        }
    }
}
