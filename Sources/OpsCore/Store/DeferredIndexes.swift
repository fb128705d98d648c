import Foundation

/// Secondary indexes of the sales tables, set aside while a large import writes its lines and built again,
/// one sort each, before anything reads them. Kept in step row by row, a million lines cost about twice
/// what the builds do.
///
/// Both happen inside the import's transaction, so a failed import rolls the indexes back with the rows.
/// The natural-key index stays: every line is checked against it.
struct DeferredIndexes {
    static let names = ["sales_by_time", locationIndex, "daily_product_sales_by_product"]
    /// Holds only lines sold at a named location: when an import has none, it is left in place, since building
    /// it again would read every line of the shop to add nothing.
    static let locationIndex = "sales_by_location"
    /// Lines an import writes before the indexes are set aside, and the share of the stored lines it must
    /// reach: rebuilding costs in proportion to all the lines, not just the new ones.
    static let minimumLines = 50_000
    static let minimumShareOfStored = 0.5

    static let selectDefinition = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"

    /// Definitions of the dropped indexes, exactly as the schema created them.
    private(set) var dropped: [String] = []

    var isDeferring: Bool { !dropped.isEmpty }

    static func worthDeferring(inserted: Int, stored: Int) -> Bool {
        inserted >= minimumLines && Double(inserted) >= Double(stored) * minimumShareOfStored
    }

    mutating func drop(in database: Database, linesHaveLocations: Bool) throws {
        guard dropped.isEmpty else { return }
        for name in Self.names where linesHaveLocations || name != Self.locationIndex {
            guard let sql = try database.queryFirst(Self.selectDefinition, [.text(name)], { $0.optionalString(0) }) ?? nil
            else { continue }
            try database.executeScript("DROP INDEX \(name)")
            dropped.append(sql)
        }
    }

    mutating func rebuild(in database: Database) throws {
        guard !dropped.isEmpty else { return }
        // SQLite's sorter takes as much memory as the page cache may: with a small cache for the builds,
        // they sort in runs instead of holding a copy of the keys next to the cached pages (and run faster).
        let cacheSize = try database.queryInt("PRAGMA cache_size")
        try database.executeScript("PRAGMA cache_size = \(Self.sortingCacheSize)")
        defer { try? database.executeScript("PRAGMA cache_size = \(cacheSize)") }
        for sql in dropped { try database.executeScript(sql) }
        dropped.removeAll()
    }

    /// 8 MB, in SQLite's negative-means-KiB notation.
    static let sortingCacheSize = -8_192
}
