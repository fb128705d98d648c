import Foundation

/// Changes to the daily-per-product, daily-per-org and hourly-per-org rollups, gathered in memory while
/// lines are written and applied by `flush` inside the same transaction.
///
/// Sums are applied as deltas. Orders are not additive (an order with two lines counts once), so `flush`
/// recounts them from the lines for every day and hour it touched: distinct orders with a line there.
struct RollupDeltas {
    struct ProductDay: Hashable {
        let productID: Int64
        /// Days since 1970 of the local date: cheaper to hash a million times than its text.
        let day: Int
    }

    private(set) var productDays: [ProductDay: RollupTotals] = [:]
    /// Keyed by product and month number (year × 12 + month − 1).
    private(set) var productMonths: [ProductDay: RollupTotals] = [:]
    private(set) var days: [Int: RollupTotals] = [:]
    private(set) var hours: [Int64: RollupTotals] = [:]
    private var removedAny = false
    /// Days and hours written since the last full flush, whose order counts are due.
    private var touchedDays: Set<Int> = []
    private var touchedHours: Set<Int64> = []

    /// Entries held in memory; past `spillLimit` the sums are written early to bound memory.
    var pendingCount: Int { productDays.count }
    static let spillLimit = 100_000

    static func hourStart(_ date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return seconds - ((seconds % 3600) + 3600) % 3600
    }

    mutating func add(productID: Int64, day: CivilDate, hour: Int64, quantity: Int, total: Int, cost: Int?, sign: Int) {
        productMonths[ProductDay(productID: productID, day: day.year * 12 + day.month - 1), default: RollupTotals()]
            .add(quantity: quantity, total: total, cost: cost, sign: sign)
        let day = day.daysSince1970
        productDays[ProductDay(productID: productID, day: day), default: RollupTotals()]
            .add(quantity: quantity, total: total, cost: cost, sign: sign)
        days[day, default: RollupTotals()].add(quantity: quantity, total: total, cost: cost, sign: sign)
        hours[hour, default: RollupTotals()].add(quantity: quantity, total: total, cost: cost, sign: sign)
        if sign < 0 { removedAny = true }
    }


    static let upsertProductDay = """
        INSERT INTO daily_product_sales (product_id, day, units, revenue, cost, costed_revenue, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (product_id, day) DO UPDATE SET
            units = units + excluded.units, revenue = revenue + excluded.revenue, cost = cost + excluded.cost,
            costed_revenue = costed_revenue + excluded.costed_revenue, lines = lines + excluded.lines
        """
    static let upsertProductMonth = """
        INSERT INTO monthly_product_sales (product_id, month, units, revenue, cost, costed_revenue, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (product_id, month) DO UPDATE SET
            units = units + excluded.units, revenue = revenue + excluded.revenue, cost = cost + excluded.cost,
            costed_revenue = costed_revenue + excluded.costed_revenue, lines = lines + excluded.lines
        """
    static let upsertDay = """
        INSERT INTO daily_sales (org_id, day, units, revenue, cost, costed_revenue, orders, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, day) DO UPDATE SET
            units = units + excluded.units, revenue = revenue + excluded.revenue, cost = cost + excluded.cost,
            costed_revenue = costed_revenue + excluded.costed_revenue, orders = orders + excluded.orders,
            lines = lines + excluded.lines
        """
    static let upsertHour = """
        INSERT INTO hourly_sales (org_id, hour_start, units, revenue, cost, costed_revenue, orders, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, hour_start) DO UPDATE SET
            units = units + excluded.units, revenue = revenue + excluded.revenue, cost = cost + excluded.cost,
            costed_revenue = costed_revenue + excluded.costed_revenue, orders = orders + excluded.orders,
            lines = lines + excluded.lines
        """
    static let deleteEmptyProductDays = "DELETE FROM daily_product_sales WHERE lines = 0"
    static let deleteEmptyProductMonths = "DELETE FROM monthly_product_sales WHERE lines = 0"
    static let deleteEmptyDays = "DELETE FROM daily_sales WHERE org_id = ? AND lines = 0"
    static let deleteEmptyHours = "DELETE FROM hourly_sales WHERE org_id = ? AND lines = 0"

    static let countOrders = """
        SELECT COUNT(DISTINCT source || char(31) || order_id) FROM sales WHERE org_id = ? AND sold_at >= ? AND sold_at < ?
        """
    static let setDayOrders = "UPDATE daily_sales SET orders = ? WHERE org_id = ? AND day = ?"
    static let setHourOrders = "UPDATE hourly_sales SET orders = ? WHERE org_id = ? AND hour_start = ?"

    /// Writes the sums gathered so far (not the order counts) and frees them. Call inside the transaction.
    mutating func spill(to database: Database, orgID: Int64) throws {
        let orgValue = SQLValue.integer(orgID)
        // In key order: the B-tree is then written front to back instead of at random, several times faster.
        for (key, totals) in productDays.sorted(by: { ($0.key.productID, $0.key.day) < ($1.key.productID, $1.key.day) }) {
            try database.execute(
                Self.upsertProductDay,
                [.integer(key.productID), .text(CivilDate(daysSince1970: key.day).key), .int(totals.units),
                 .int(totals.revenue), .int(totals.cost), .int(totals.costedRevenue), .int(totals.lines)])
        }
        for (key, totals) in productMonths.sorted(by: { ($0.key.productID, $0.key.day) < ($1.key.productID, $1.key.day) }) {
            try database.execute(
                Self.upsertProductMonth,
                [.integer(key.productID), .text(Self.monthKey(key.day)), .int(totals.units), .int(totals.revenue),
                 .int(totals.cost), .int(totals.costedRevenue), .int(totals.lines)])
        }
        for (day, totals) in days {
            try database.execute(Self.upsertDay, [orgValue, .text(CivilDate(daysSince1970: day).key)] + Self.values(totals))
        }
        for (hour, totals) in hours {
            try database.execute(Self.upsertHour, [orgValue, .integer(hour)] + Self.values(totals))
        }
        touchedDays.formUnion(days.keys)
        touchedHours.formUnion(hours.keys)
        productDays.removeAll()
        productMonths.removeAll()
        days.removeAll()
        hours.removeAll()
    }

    /// Applies everything and forgets it. Call inside the transaction that wrote the lines.
    mutating func flush(to database: Database, org: Org) throws {
        try spill(to: database, orgID: org.id)
        let orgValue = SQLValue.integer(org.id)
        if removedAny {
            try database.execute(Self.deleteEmptyProductDays)
            try database.execute(Self.deleteEmptyProductMonths)
            try database.execute(Self.deleteEmptyDays, [orgValue])
            try database.execute(Self.deleteEmptyHours, [orgValue])
        }
        let calendar = org.calendar
        for day in touchedDays {
            let key = CivilDate(daysSince1970: day).key
            guard let start = calendar.date(dayKey: key) else { continue }
            let end = calendar.startOfDay(start, adding: 1)
            let orders = try database.queryInt(
                Self.countOrders, [orgValue, .integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))])
            try database.execute(Self.setDayOrders, [.int(orders), orgValue, .text(key)])
        }
        for hour in touchedHours {
            let orders = try database.queryInt(Self.countOrders, [orgValue, .integer(hour), .integer(hour + 3600)])
            try database.execute(Self.setHourOrders, [.int(orders), orgValue, .integer(hour)])
        }
        self = RollupDeltas()
    }

    /// "2026-03" for month number 2026 × 12 + 2.
    static func monthKey(_ number: Int) -> String {
        let month = number % 12 + 1
        return "\(number / 12)-" + (month < 10 ? "0\(month)" : "\(month)")
    }

    private static func values(_ totals: RollupTotals) -> [SQLValue] {
        [.int(totals.units), .int(totals.revenue), .int(totals.cost), .int(totals.costedRevenue), .int(totals.orders),
         .int(totals.lines)]
    }
}
