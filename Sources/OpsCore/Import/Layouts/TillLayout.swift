/// One known export of a till or shop platform ("Toast ItemSelectionDetails"): how to recognise its header,
/// which of its columns hold which field, and what its rows mean beyond their values (`SalesRules`).
///
/// Generic synonyms guess; a layout knows. Its columns are claimed before the kind's synonyms, so "Total"
/// in an order-level column is never read as a line's total, and `cleared` drops what the synonyms would
/// still take wrongly. Column names are normalised (`ColumnMap.normalize`: "Void?" is "void").
struct TillLayout: Sendable {
    let name: String
    let kind: ImportKind
    /// Columns the header must all have.
    let signature: [String]
    /// Columns the header must not have (a sibling export of the same system that has them).
    var without: [String] = []
    /// Fields and the column names that hold them, claimed first.
    var columns: [(ColumnMap.Field, [String])] = []
    /// Fields the kind's synonyms would map to a column that means something else here.
    var cleared: [ColumnMap.Field] = []
    var rules = SalesRules()

    func matches(_ normalized: Set<String>) -> Bool {
        signature.allSatisfy(normalized.contains) && !without.contains(where: normalized.contains)
    }

    /// The layout a header is, the most specific (longest signature) first.
    static func recognise(_ normalized: [String]) -> TillLayout? {
        let names = Set(normalized)
        return known.filter { $0.matches(names) }.max { $0.signature.count < $1.signature.count }
    }
}
