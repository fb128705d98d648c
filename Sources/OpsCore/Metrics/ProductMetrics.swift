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

    /// Sums per product from the covering day index first, then the products' details for the survivors.
    static func selectRanked(order: String, category: Bool) -> String {
        """
        SELECT p.id, p.sku, p.name, p.category, p.unit_cost, p.unit_price, p.reorder_point, p.lead_time_days,
               p.pack_size, r.revenue, r.units, r.margin, COUNT(*) OVER () AS total
        FROM (SELECT product_id, revenue, units,
                     CASE WHEN costed_revenue > 0 OR cost > 0 THEN costed_revenue - cost END AS margin
              FROM (\(DayRange.productSums))) r
        JOIN products p ON p.id = r.product_id
        WHERE p.org_id = ?\(category ? " AND p.category = ? COLLATE NOCASE" : "")
        ORDER BY \(order), p.name LIMIT ?
        """
    }

    /// The best (or worst) sellers in the days `range` covers, with how many products sold at all (counted by a
    /// window over the same aggregation, not a second pass).
    public func ranked(
        in range: DayRange, by ranking: Ranking, bottom: Bool, category: String?, limit: Int
    ) throws -> (rows: [Ranked], total: Int) {
        let column = ranking == .revenue ? "revenue" : ranking == .units ? "units" : "COALESCE(margin, 0)"
        let order = "\(column) \(bottom ? "ASC" : "DESC")"
        var values: [SQLValue] = range.productSumValues + [.integer(org.id)]
        if let category { values.append(.text(category)) }
        var total = 0
        let rows = try database.query(Self.selectRanked(order: order, category: category != nil), values + [.int(limit)]) { row in
            total = row.int(12)
            return Ranked(product: Store.decodeProduct(row), revenue: row.int(9), units: row.int(10), margin: row.optionalInt(11))
        }
        return (rows, total)
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
        let calendar = org.calendar
        guard let first = calendar.date(dayKey: range.from) else { return [] }
        return (0..<range.days).map { offset in
            let key = calendar.dayKey(calendar.startOfDay(first, adding: offset))
            let (units, revenue) = byDay[key] ?? (0, 0)
            return (key, units, revenue)
        }
    }
}
