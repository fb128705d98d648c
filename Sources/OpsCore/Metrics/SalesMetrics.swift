import Foundation

/// Sales totals for any span of time, read from the rollups.
///
/// A span is cut into whole local days (daily rollup), whole hours at its edges (hourly rollup), and the
/// minutes left over at either end (sales lines, at most an hour each). So "today until now" costs a
/// handful of index reads however big the shop is.
public struct SalesMetrics {
    let database: Database
    let org: Org

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
    }

    static let sumDays = """
        SELECT SUM(revenue), SUM(units), SUM(orders), SUM(lines), SUM(cost), SUM(costed_revenue)
        FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ?
        """
    static let sumHours = """
        SELECT SUM(revenue), SUM(units), SUM(orders), SUM(lines), SUM(cost), SUM(costed_revenue)
        FROM hourly_sales WHERE org_id = ? AND hour_start >= ? AND hour_start < ?
        """
    static let sumLines = """
        SELECT SUM(total), SUM(quantity), COUNT(DISTINCT source || char(31) || order_id), COUNT(*),
               SUM(cost), SUM(CASE WHEN cost IS NOT NULL THEN total END)
        FROM sales WHERE org_id = ? AND sold_at >= ? AND sold_at < ?
        """

    /// Totals for sales at or after `start` and before `end`.
    public func totals(from start: Date, to end: Date) throws -> SalesTotals {
        guard start < end else { return .zero }
        let calendar = org.calendar
        let firstWholeDay = calendar.startOfDay(start) == start ? start : calendar.startOfDay(start, adding: 1)
        let lastWholeDayEnd = calendar.startOfDay(end)
        guard firstWholeDay < lastWholeDayEnd else { return try partialTotals(from: start, to: end) }
        let days = try sum(
            Self.sumDays, [.integer(org.id), .text(calendar.dayKey(firstWholeDay)), .text(calendar.dayKey(lastWholeDayEnd))])
        return try partialTotals(from: start, to: firstWholeDay) + days + partialTotals(from: lastWholeDayEnd, to: end)
    }

    private func partialTotals(from start: Date, to end: Date) throws -> SalesTotals {
        guard start < end else { return .zero }
        let startSeconds = Int64(start.timeIntervalSince1970.rounded(.up))
        let endSeconds = Int64(end.timeIntervalSince1970.rounded(.up))
        let firstWholeHour = (startSeconds + 3599) / 3600 * 3600
        let lastWholeHourEnd = endSeconds / 3600 * 3600
        guard firstWholeHour < lastWholeHourEnd else { return try lineTotals(startSeconds, endSeconds) }
        let hours = try sum(Self.sumHours, [.integer(org.id), .integer(firstWholeHour), .integer(lastWholeHourEnd)])
        return try lineTotals(startSeconds, firstWholeHour) + hours + lineTotals(lastWholeHourEnd, endSeconds)
    }

    private func lineTotals(_ start: Int64, _ end: Int64) throws -> SalesTotals {
        guard start < end else { return .zero }
        return try sum(Self.sumLines, [.integer(org.id), .integer(start), .integer(end)])
    }

    private func sum(_ sql: String, _ values: [SQLValue]) throws -> SalesTotals {
        try database.queryFirst(sql, values) { row in
            SalesTotals(
                revenue: row.int(0), units: row.int(1), orders: row.int(2), lines: row.int(3), cost: row.int(4),
                costedRevenue: row.int(5))
        } ?? .zero
    }
}
