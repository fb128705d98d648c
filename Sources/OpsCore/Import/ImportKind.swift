/// What a CSV file holds.
public enum ImportKind: String, Sendable, CaseIterable {
    case sales
    case inventory
    case products
    case shifts
    /// Customer reviews: a date, a rating and what they wrote.
    case reviews
}
