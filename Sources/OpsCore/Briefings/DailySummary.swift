import Foundation

/// Yesterday in figures, for the morning message: net sales and orders against the same weekday a week before,
/// the top product, what ran out, what will run out before a delivery ordered today could come, and the open
/// alerts. Read from the same metrics the answers use, so its figures are theirs.
public struct DailySummary: Sendable, Equatable {
    public struct RunOut: Sendable, Equatable {
        public let name: String
        /// 0 today, 1 tomorrow.
        public let inDays: Int
        public let leadDays: Int
    }

    /// Local midnight starting the day summed up.
    public let day: Date
    public let sales: SalesTotals
    public let weekBefore: SalesTotals
    public let top: (name: String, revenue: Int, units: Int)?
    /// Products that ran out during the day (still out or not).
    public let ranOut: [String]
    public let willRunOut: [RunOut]
    public let openAlerts: Int

    public static func == (lhs: DailySummary, rhs: DailySummary) -> Bool {
        lhs.day == rhs.day && lhs.sales == rhs.sales && lhs.weekBefore == rhs.weekBefore
            && lhs.top?.name == rhs.top?.name && lhs.top?.revenue == rhs.top?.revenue && lhs.ranOut == rhs.ranOut
            && lhs.willRunOut == rhs.willRunOut && lhs.openAlerts == rhs.openAlerts
    }

    /// The day before `now`'s, in the shop's zone.
    public static func make(store: Store, org: Org, now: Date) throws -> DailySummary {
        let calendar = org.calendar
        let end = calendar.startOfDay(now)
        let start = calendar.startOfDay(now, adding: -1)
        let metrics = SalesMetrics(store: store, org: org)
        let sales = try metrics.totals(from: start, to: end)
        let weekBefore = try metrics.totals(
            from: calendar.startOfDay(start, adding: -7), to: calendar.startOfDay(end, adding: -7))
        let range = DayRange(start: start, end: end, calendar: calendar)
        let top = try ProductMetrics(store: store, org: org).ranked(
            in: range, by: .revenue, bottom: false, category: nil, limit: 1
        ).rows.first.flatMap { $0.revenue > 0 ? (name: $0.product.name, revenue: $0.revenue, units: $0.units) : nil }
        let ranOut = try StockMetrics(store: store, org: org).outages(from: start, to: end).map(\.product.name)
        let willRunOut = try ReorderPlanner(store: store, org: org).plan(now: now)
            .filter { suggestion in
                suggestion.onOrder == 0 && suggestion.stock > 0
                    && (suggestion.runsOutInDays.map { $0 < suggestion.leadDays } ?? false)
            }
            .sorted { ($0.runsOutInDays ?? 0, $0.product.name) < ($1.runsOutInDays ?? 0, $1.product.name) }
            .map { RunOut(name: $0.product.name, inDays: $0.runsOutInDays ?? 0, leadDays: $0.leadDays) }
        let openAlerts = try store.unresolvedAlerts(orgID: org.id).count
        return DailySummary(
            day: start, sales: sales, weekBefore: weekBefore, top: top, ranOut: ranOut, willRunOut: willRunOut,
            openAlerts: openAlerts)
    }
}
