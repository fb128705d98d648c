import Foundation

/// When the shop sells: by weekday, by hour of the day, by category.
public struct PatternMetrics {
    let database: Database
    let org: Org

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
    }

    static let selectDays = "SELECT day, revenue, orders FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ?"

    /// Average revenue and orders per weekday (1 = Sunday … 7 = Saturday) over the days of `range`,
    /// days without sales counted as zero.
    public func weekdays(in range: DayRange) throws -> [(weekday: Int, days: Int, revenue: Int, orders: Int)] {
        var totals = [(days: Int, revenue: Int, orders: Int)](repeating: (0, 0, 0), count: 8)
        var sales: [String: (Int, Int)] = [:]
        _ = try database.query(Self.selectDays, [.integer(org.id), .text(range.from), .text(range.to)]) { row in
            sales[row.string(0)] = (row.int(1), row.int(2))
        }
        let calendar = org.calendar
        guard let first = calendar.date(dayKey: range.from) else { return [] }
        for offset in 0..<range.days {
            let day = calendar.startOfDay(first, adding: offset)
            let weekday = calendar.calendar.component(.weekday, from: day)
            let (revenue, orders) = sales[calendar.dayKey(day)] ?? (0, 0)
            totals[weekday].days += 1
            totals[weekday].revenue += revenue
            totals[weekday].orders += orders
        }
        return (1...7).map {
            (weekday: $0, days: totals[$0].days, revenue: totals[$0].revenue, orders: totals[$0].orders)
        }
    }

    static let selectHours = """
        SELECT hour_start, revenue, orders FROM hourly_sales WHERE org_id = ? AND hour_start >= ? AND hour_start < ?
        """

    /// Revenue and orders per local hour of the day (0…23) over a span.
    public func hours(from start: Date, to end: Date) throws -> [(revenue: Int, orders: Int)] {
        var totals = [(revenue: Int, orders: Int)](repeating: (0, 0), count: 24)
        let calendar = org.calendar.calendar
        _ = try database.query(
            Self.selectHours,
            [
                .integer(org.id), .integer(Int64(start.timeIntervalSince1970)),
                .integer(Int64(end.timeIntervalSince1970)),
            ]
        ) { row in
            let hour = calendar.component(.hour, from: Date(timeIntervalSince1970: TimeInterval(row.int64(0))))
            totals[hour].revenue += row.int(1)
            totals[hour].orders += row.int(2)
        }
        return totals
    }

    static let selectProductCategories = "SELECT id, category FROM products WHERE org_id = ?"

    /// Revenue and units per category, most revenue first; products without one are "Uncategorised".
    public func categories(in range: DayRange) throws -> [(name: String, revenue: Int, units: Int)] {
        try categoryTotals(in: range).map { ($0.name, $0.revenue, $0.units) }
    }

    /// Per category: revenue, units, and margin over the lines whose cost is known (nil when none is).
    public func categoryTotals(in range: DayRange) throws -> [(
        name: String, revenue: Int, units: Int, margin: Int?, costedRevenue: Int
    )] {
        var products: [(id: Int64, category: String)] = []
        try database.forEachRow(Self.selectProductCategories, [.integer(org.id)]) {
            products.append(($0.int64(0), $0.string(1)))
        }
        let slots = Dictionary(uniqueKeysWithValues: products.enumerated().map { ($1.id, $0) })
        let totals = try range.productTotals(in: database, count: products.count) { slots[$0] }
        var byCategory: [String: ProductTotals] = [:]
        for (index, product) in products.enumerated() where totals[index].rows > 0 {
            let name = product.category.isEmpty ? "Uncategorised" : product.category
            let sums = totals[index]
            byCategory[name, default: ProductTotals()].add(
                revenue: sums.revenue, units: sums.units, cost: sums.cost, costedRevenue: sums.costedRevenue)
        }
        return byCategory.map {
            (
                name: $0.key, revenue: $0.value.revenue, units: $0.value.units, margin: $0.value.margin,
                costedRevenue: $0.value.costedRevenue
            )
        }
        .sorted { ($0.revenue, $1.name) > ($1.revenue, $0.name) }
    }
}
