import Foundation

/// Changes to the daily-per-product, daily-per-org and hourly-per-org rollups, gathered in memory while
/// lines are written and applied by `flush` inside the same transaction.
struct RollupDeltas {
    struct ProductDay: Hashable {
        let productID: Int64
        let day: String
    }

    private(set) var productDays: [ProductDay: RollupTotals] = [:]
    private(set) var days: [String: RollupTotals] = [:]
    private(set) var hours: [Int64: RollupTotals] = [:]
    private var removedAny = false

    static func hourStart(_ date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return seconds - ((seconds % 3600) + 3600) % 3600
    }

    mutating func add(productID: Int64, day: String, hour: Int64, quantity: Int, total: Int, cost: Int?, sign: Int) {
        productDays[ProductDay(productID: productID, day: day), default: RollupTotals()]
            .add(quantity: quantity, total: total, cost: cost, sign: sign)
        days[day, default: RollupTotals()].add(quantity: quantity, total: total, cost: cost, sign: sign)
        hours[hour, default: RollupTotals()].add(quantity: quantity, total: total, cost: cost, sign: sign)
        if sign < 0 { removedAny = true }
    }

    mutating func countOrder(day: String?, hour: Int64?, sign: Int) {
        if let day { days[day, default: RollupTotals()].orders += sign }
        if let hour { hours[hour, default: RollupTotals()].orders += sign }
    }

    var isEmpty: Bool { productDays.isEmpty && days.isEmpty && hours.isEmpty }

    static let upsertProductDay = """
        INSERT INTO daily_product_sales (product_id, day, units, revenue, cost, costed_revenue, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (product_id, day) DO UPDATE SET
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
    static let deleteEmptyDays = "DELETE FROM daily_sales WHERE org_id = ? AND lines = 0"
    static let deleteEmptyHours = "DELETE FROM hourly_sales WHERE org_id = ? AND lines = 0"

    /// Applies the deltas and forgets them. Call inside the transaction that wrote the lines.
    mutating func flush(to database: Database, orgID: Int64) throws {
        let org = SQLValue.integer(orgID)
        for (key, totals) in productDays {
            try database.execute(
                Self.upsertProductDay,
                [.integer(key.productID), .text(key.day), .int(totals.units), .int(totals.revenue), .int(totals.cost),
                 .int(totals.costedRevenue), .int(totals.lines)])
        }
        for (day, totals) in days {
            try database.execute(Self.upsertDay, [org, .text(day)] + Self.values(totals))
        }
        for (hour, totals) in hours {
            try database.execute(Self.upsertHour, [org, .integer(hour)] + Self.values(totals))
        }
        if removedAny {
            try database.execute(Self.deleteEmptyProductDays)
            try database.execute(Self.deleteEmptyDays, [org])
            try database.execute(Self.deleteEmptyHours, [org])
        }
        self = RollupDeltas()
    }

    private static func values(_ totals: RollupTotals) -> [SQLValue] {
        [.int(totals.units), .int(totals.revenue), .int(totals.cost), .int(totals.costedRevenue), .int(totals.orders),
         .int(totals.lines)]
    }
}
