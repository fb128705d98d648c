import Foundation

/// Per-product figures from the daily-per-product rollup: rankings and a product's daily trend.
public struct ProductMetrics {
    let database: Database
    let org: Org

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
    }

    public struct Ranked: Sendable, Equatable {
        public let product: Product
        public let revenue: Int
        public let units: Int
        /// Revenue minus cost over the lines whose cost is known; nil when none is known.
        public let margin: Int?
    }

    public enum Ranking: Sendable {
        case revenue
        case units
        case margin
    }

    static let selectCatalog = "SELECT id, name, category FROM products WHERE org_id = ?"
    static let selectCategoryCatalog =
        "SELECT id, name, category FROM products WHERE org_id = ? AND category = ? COLLATE NOCASE"

    /// The best (or worst) sellers in the days `range` covers, with how many products sold at all. Ties go by
    /// name. The sums are added up in `DayRange.productTotals`; the products' details are read for the few shown.
    public func ranked(
        in range: DayRange, by ranking: Ranking, bottom: Bool, category: String?, limit: Int
    ) throws -> (rows: [Ranked], total: Int) {
        var catalog: [(id: Int64, name: String)] = []
        let sql = category == nil ? Self.selectCatalog : Self.selectCategoryCatalog
        try database.forEachRow(sql, [.integer(org.id)] + (category.map { [.text($0)] } ?? [])) { row in
            catalog.append((row.int64(0), row.string(1)))
        }
        guard let low = catalog.map(\.id).min(), let high = catalog.map(\.id).max() else { return ([], 0) }
        // Ids are mostly dense: an array indexed from the lowest beats a dictionary; else look them up.
        let totals: [ProductTotals]
        let slotOfCatalog: [Int]
        if high - low < Int64(max(4 * catalog.count, 1024)) {
            totals = try range.productTotals(in: database, count: Int(high - low) + 1) { id in
                id >= low && id <= high ? Int(id - low) : nil
            }
            slotOfCatalog = catalog.map { Int($0.id - low) }
        } else {
            let slots = Dictionary(uniqueKeysWithValues: catalog.enumerated().map { ($1.id, $0) })
            totals = try range.productTotals(in: database, count: catalog.count) { slots[$0] }
            slotOfCatalog = Array(catalog.indices)
        }
        var candidates: [(id: Int64, name: String, key: Int, totals: ProductTotals)] = []
        for (index, product) in catalog.enumerated() {
            let sums = totals[slotOfCatalog[index]]
            guard sums.rows > 0 else { continue }
            let key: Int
            switch ranking {
            case .revenue: key = sums.revenue
            case .units: key = sums.units
            case .margin: key = sums.margin ?? 0
            }
            candidates.append((product.id, product.name, key, sums))
        }
        candidates.sort { a, b in
            if a.key != b.key { return bottom ? a.key < b.key : a.key > b.key }
            return a.name < b.name
        }
        let rows = try candidates.prefix(limit).compactMap { candidate -> Ranked? in
            guard let product = try Store.product(id: candidate.id, in: database) else { return nil }
            return Ranked(
                product: product, revenue: candidate.totals.revenue, units: candidate.totals.units,
                margin: candidate.totals.margin)
        }
        return (rows, candidates.count)
    }

    static let selectDaily = """
        SELECT day, units, revenue FROM daily_product_sales WHERE product_id = ? AND day >= ? AND day < ? ORDER BY day
        """

    /// One value per local day of the range (zero on days without sales): units and revenue.
    public func daily(product: Product, in range: DayRange) throws -> [(day: String, units: Int, revenue: Int)] {
        var byDay: [String: (Int, Int)] = [:]
        _ = try database.query(Self.selectDaily, [.integer(product.id), .text(range.from), .text(range.to)]) { row in
            byDay[row.string(0)] = (row.int(1), row.int(2))
        }
        // Day keys by integer date arithmetic: Foundation's calendar calls cost tens of microseconds each on Linux.
        let parts = range.from.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return [] }
        let first = CivilDate(year: parts[0], month: parts[1], day: parts[2]).daysSince1970
        return (0..<range.days).map { offset in
            let key = CivilDate(daysSince1970: first + offset).key
            let (units, revenue) = byDay[key] ?? (0, 0)
            return (key, units, revenue)
        }
    }
}
