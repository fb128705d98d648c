import Foundation

/// The local days a span of time touches, as rollup keys: `from` included, `to` excluded.
/// A span ending part-way through a day includes that day (the daily rollups hold whole days).
public struct DayRange: Sendable, Equatable {
    public let from: String
    public let to: String
    public let days: Int
    /// The range ends now: no sales exist after it, so its last month can be read whole from the monthly rollup.
    public let runsToNow: Bool

    public init(start: Date, end: Date, calendar: OrgCalendar, runsToNow: Bool = false) {
        self.runsToNow = runsToNow
        let first = calendar.startOfDay(start)
        let endDay = calendar.startOfDay(end)
        let last = endDay == end ? endDay : calendar.startOfDay(end, adding: 1)
        from = calendar.dayKey(first)
        to = calendar.dayKey(last)
        days = max(0, calendar.calendar.dateComponents([.day], from: first, to: last).day ?? 0)
    }

    /// Sums per product over the range: whole calendar months from the monthly rollup, the days before and
    /// after them from the daily one. Six values to bind, from `productSumValues`.
    static let productSums = """
        SELECT product_id, SUM(revenue) AS revenue, SUM(units) AS units, SUM(cost) AS cost,
               SUM(costed_revenue) AS costed_revenue
        FROM (SELECT product_id, revenue, units, cost, costed_revenue FROM daily_product_sales WHERE day >= ? AND day < ?
              UNION ALL
              SELECT product_id, revenue, units, cost, costed_revenue FROM monthly_product_sales
              WHERE month >= ? AND month < ?
              UNION ALL
              SELECT product_id, revenue, units, cost, costed_revenue FROM daily_product_sales WHERE day >= ? AND day < ?)
        GROUP BY product_id
        """

    /// The days before the first whole month, the whole months, and the days after the last one.
    var productSumValues: [SQLValue] {
        let firstMonth = from.hasSuffix("-01") ? from : Self.nextMonthStart(from)
        let end = runsToNow && !to.hasSuffix("-01") ? Self.nextMonthStart(to) : to
        let lastMonth = String(end.prefix(8)) + "01"
        guard firstMonth < lastMonth else {
            return [.text(from), .text(to), "", "", "", ""]
        }
        return [.text(from), .text(firstMonth), .text(String(firstMonth.prefix(7))), .text(String(lastMonth.prefix(7))),
                .text(lastMonth), .text(end)]
    }

    /// "2026-03-14" → "2026-04-01"; "2026-12-05" → "2027-01-01".
    static func nextMonthStart(_ day: String) -> String {
        let year = Int(day.prefix(4)) ?? 1970
        let month = Int(day.dropFirst(5).prefix(2)) ?? 1
        return CivilDate(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1).key
    }
}
