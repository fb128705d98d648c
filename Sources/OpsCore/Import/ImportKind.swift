/// What a CSV file holds.
public enum ImportKind: String, Sendable, CaseIterable {
    case sales
    case inventory
    case products
    case shifts
}
