import Foundation

/// What a customer wrote about the shop, and when; `rating` 1–5 where the platform gives one.
public struct Review: Sendable, Equatable {
    public let reviewedAt: Date
    public let rating: Int?
    public let author: String
    public let text: String

    public init(reviewedAt: Date, rating: Int?, author: String = "", text: String) {
        self.reviewedAt = reviewedAt
        self.rating = rating
        self.author = author
        self.text = text
    }
}
