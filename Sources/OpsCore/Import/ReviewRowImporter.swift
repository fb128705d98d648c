import Foundation

/// Customer reviews: a rating (1–5: "4", "4.0", "4/5", "4 stars", "★★★★☆") and the words, with the day and
/// the author where given. The same review imported again (its id, else its day, author and words) is stored
/// once.
final class ReviewRowImporter: SingleRowImporter {
    private let context: RowContext
    let newProducts: [String] = []
    private var undated = 0

    init(context: RowContext) {
        self.context = context
    }

    var notes: [String] {
        undated > 0 ? ["\(undated) review\(undated == 1 ? "" : "s") without a date dated today"] : []
    }

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        let text = row.text(.reviewText) ?? ""
        let rating = try Self.rating(row)
        guard rating != nil || !text.isEmpty else {
            throw row.problem(.reviewText, nil, "is empty, and so is the rating")
        }
        let reviewedAt: Date
        if let date = try context.date(row, .reviewedAt) {
            reviewedAt = date
        } else {
            undated += 1
            reviewedAt = context.now
        }
        let author = row.label(.reviewer) ?? ""
        let key: String
        if let id = row.label(.reviewID), !id.isEmpty {
            key = "id:" + id
        } else {
            var digest = SHA256()
            digest.update(Array((context.org.calendar.dayKey(reviewedAt) + "\u{1F}" + author + "\u{1F}" + text).utf8))
            key = "text:" + digest.finalize().prefix(32)
        }
        let review = Review(reviewedAt: reviewedAt, rating: rating, author: author, text: text)
        switch try context.store.upsertReview(review, key: key, orgID: context.org.id, importID: context.importID) {
        case .inserted: return .inserted(reviewedAt)
        case .updated: return .updated(reviewedAt)
        case .unchanged: return .unchanged(reviewedAt)
        }
    }

    static func rating(_ row: ImportRow) throws -> Int? {
        guard let value = row.text(.rating) else { return nil }
        let stars = value.filter { $0 == "★" }.count
        if stars > 0 { return min(5, stars) }
        let number = value.prefix { $0.isNumber || $0 == "." || $0 == "," }.replacingOccurrences(of: ",", with: ".")
        guard let rating = Double(number), rating.isFinite else {
            throw row.problem(.rating, value, "is not a rating (expected 1 to 5)")
        }
        // "8/10" out of ten.
        let scaled = value.contains("/10") ? rating / 2 : rating
        guard scaled >= 1, scaled <= 5 else { throw row.problem(.rating, value, "is not a rating from 1 to 5") }
        return Int(scaled.rounded())
    }
}
