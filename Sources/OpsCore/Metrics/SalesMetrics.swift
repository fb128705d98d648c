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

    static let sumLocationDays = """
        SELECT SUM(revenue), SUM(units), SUM(orders), SUM(lines), SUM(cost), SUM(costed_revenue)
        FROM daily_location_sales WHERE org_id = ? AND location = ? AND day >= ? AND day < ?
        """
    static let sumLocationLines = """
        SELECT SUM(total), SUM(quantity), COUNT(DISTINCT source || char(31) || order_id), COUNT(*),
               SUM(cost), SUM(CASE WHEN cost IS NOT NULL THEN total END)
        FROM sales WHERE org_id = ? AND location = ? AND location <> '' AND sold_at >= ? AND sold_at < ?
        """

    /// Totals for sales at or after `start` and before `end`; only those at `location` when one is given (whole
    /// days from the location rollup, the parts of days at either end from the lines there).
    public func totals(from start: Date, to end: Date, location: String? = nil) throws -> SalesTotals {
        guard start < end else { return .zero }
        if let location { return try locationTotals(location, from: start, to: end) }
        let calendar = org.calendar
        let firstWholeDay = calendar.startOfDay(start) == start ? start : calendar.startOfDay(start, adding: 1)
        let lastWholeDayEnd = calendar.startOfDay(end)
        guard firstWholeDay < lastWholeDayEnd else { return try partialTotals(from: start, to: end) }
        let days = try sum(
            Self.sumDays,
            [.integer(org.id), .text(calendar.dayKey(firstWholeDay)), .text(calendar.dayKey(lastWholeDayEnd))])
        return try partialTotals(from: start, to: firstWholeDay) + days + partialTotals(from: lastWholeDayEnd, to: end)
    }

    private func locationTotals(_ location: String, from start: Date, to end: Date) throws -> SalesTotals {
        let calendar = org.calendar
        let firstWholeDay = calendar.startOfDay(start) == start ? start : calendar.startOfDay(start, adding: 1)
        let lastWholeDayEnd = calendar.startOfDay(end)
        func lines(_ from: Date, _ to: Date) throws -> SalesTotals {
            guard from < to else { return .zero }
            return try sum(
                Self.sumLocationLines,
                [
                    .integer(org.id), .text(location), .integer(Int64(from.timeIntervalSince1970.rounded(.up))),
                    .integer(Int64(to.timeIntervalSince1970.rounded(.up))),
                ])
        }
        guard firstWholeDay < lastWholeDayEnd else { return try lines(start, end) }
        let days = try sum(
            Self.sumLocationDays,
            [
                .integer(org.id), .text(location), .text(calendar.dayKey(firstWholeDay)),
                .text(calendar.dayKey(lastWholeDayEnd)),
            ])
        return try lines(start, firstWholeDay) + days + lines(lastWholeDayEnd, end)
    }

    /// Revenue per location over whole local days, most first.
    public func byLocation(from start: Date, to end: Date) throws -> [(location: String, totals: SalesTotals)] {
        try locations().map { ($0, try totals(from: start, to: end, location: $0)) }
            .sorted { ($0.totals.revenue, $1.location) > ($1.totals.revenue, $0.location) }
    }

    /// The named locations the org has sold at.
    public func locations() throws -> [String] {
        try database.query("SELECT name FROM locations WHERE org_id = ? ORDER BY name", [.integer(org.id)]) {
            $0.string(0)
        }
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
