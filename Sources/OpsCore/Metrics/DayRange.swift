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

    /// Per-product sums over the range, added up here rather than by a GROUP BY: three index range scans with
    /// no sort, which keeps a ranking over a year of 5,000 products under 10 ms. `slot` maps a product id to
    /// its place in the result (nil: another org's product, skipped).
    func productTotals(in database: Database, count: Int, slot: (Int64) -> Int?) throws -> [ProductTotals] {
        let values = productSumValues
        var totals = [ProductTotals](repeating: ProductTotals(), count: count)
        let segments = [
            (Self.selectDailySegment, [values[0], values[1]]), (Self.selectMonthlySegment, [values[2], values[3]]),
            (Self.selectDailySegment, [values[4], values[5]]),
        ]
        for (sql, bounds) in segments where bounds[0] != bounds[1] {
            try database.forEachRow(sql, bounds) { row in
                guard let index = slot(row.int64(0)) else { return }
                totals[index].add(revenue: row.int(1), units: row.int(2), cost: row.int(3), costedRevenue: row.int(4))
            }
        }
        return totals
    }

    static let selectDailySegment = """
        SELECT product_id, revenue, units, cost, costed_revenue FROM daily_product_sales WHERE day >= ? AND day < ?
        """
    static let selectMonthlySegment = """
        SELECT product_id, revenue, units, cost, costed_revenue FROM monthly_product_sales WHERE month >= ? AND month < ?
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

/// One product's sums over a range, from the rollups.
struct ProductTotals {
    /// Rollup rows added: zero for a product that did not sell in the range.
    var rows = 0
    var revenue = 0
    var units = 0
    var cost = 0
    var costedRevenue = 0

    mutating func add(revenue: Int, units: Int, cost: Int, costedRevenue: Int) {
        rows += 1
        self.revenue += revenue
        self.units += units
        self.cost += cost
        self.costedRevenue += costedRevenue
    }

    /// Revenue minus cost over the lines whose cost is known; nil when none is known.
    var margin: Int? { costedRevenue > 0 || cost > 0 ? costedRevenue - cost : nil }
}
