import Foundation

/// Secondary indexes of the sales tables, set aside while a large import writes its lines and built again,
/// one sort each, before anything reads them. Kept in step row by row, a million lines in no order cost about
/// twice what the builds do; lines in time order, though, only extend the lines' indexes at one end, which
/// costs less than building them again (a million-line import 0.35 s faster), so those are kept.
///
/// Both happen inside the import's transaction, so a failed import rolls the indexes back with the rows.
/// The natural-key index stays: every line is checked against it.
struct DeferredIndexes {
    /// Indexes set aside together, each group once its import outweighs what is stored.
    enum Group: CaseIterable {
        /// The secondary indexes of `sales`, an entry a line, in time order (per location for one of them).
        case lines
        /// The per-product index of the daily product rollup: every sum written moves an entry of it (units and
        /// revenue are in the index), about 3 µs a row, against 0.3 µs a stored row to build it again. An import
        /// of a million lines into a shop of a million spent a second keeping it up for its first half.
        case productDays

        var names: [String] {
            switch self {
            case .lines: ["sales_by_time", DeferredIndexes.locationIndex]
            case .productDays: ["daily_product_sales_by_product"]
            }
        }

        /// The share of the stored lines an import's lines must reach: rebuilding costs in proportion to
        /// everything stored, not just what the import adds. Lines stand in for product days too (a line adds
        /// at most one), which saves counting them.
        var minimumShareOfStored: Double {
            switch self {
            case .lines: 0.5
            case .productDays: 0.1
            }
        }
    }

    static let names = Group.allCases.flatMap(\.names)
    /// Holds only lines sold at a named location: when an import has none, it is left in place, since building
    /// it again would read every line of the shop to add nothing.
    static let locationIndex = "sales_by_location"
    /// Lines an import writes before any index is set aside.
    static let minimumLines = 50_000

    static let selectDefinition = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"

    /// Definitions of the dropped indexes, exactly as the schema created them.
    private(set) var dropped: [String] = []
    private var droppedGroups: Set<Group> = []

    func isDeferring(_ group: Group) -> Bool { droppedGroups.contains(group) }

    /// `inTimeOrder`: whether the lines inserted so far came in time order (`TimeOrder`).
    static func worthDeferring(_ group: Group, inserted: Int, stored: Int, inTimeOrder: Bool) -> Bool {
        guard inserted >= minimumLines, Double(inserted) >= Double(stored) * group.minimumShareOfStored else {
            return false
        }
        return group != .lines || !inTimeOrder
    }

    /// Whether lines come in time order, either way (exports are sorted oldest or newest first): at most a
    /// tenth of the steps from one line to the next go back against the others. Lines of one order share
    /// their time, and count for neither way.
    struct TimeOrder {
        private var last: Int64?
        private var forward = 0
        private var backward = 0

        mutating func add(_ seconds: Int64) {
            if let last {
                if seconds > last { forward += 1 } else if seconds < last { backward += 1 }
            }
            last = seconds
        }

        var isKept: Bool { min(forward, backward) * 10 <= forward + backward }
    }

    mutating func drop(_ group: Group, in database: Database, linesHaveLocations: Bool) throws {
        guard droppedGroups.insert(group).inserted else { return }
        for name in group.names where linesHaveLocations || name != Self.locationIndex {
            guard
                let sql = try database.queryFirst(Self.selectDefinition, [.text(name)], { $0.optionalString(0) }) ?? nil
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
        droppedGroups.removeAll()
    }

    /// 8 MB, in SQLite's negative-means-KiB notation.
    static let sortingCacheSize = -8_192
}
