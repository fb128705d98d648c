import Foundation

/// Reads the demand series the forecasts learn from: units per local day from the daily rollup, with the days
/// that say nothing about demand censored — before the shop's first sale, days the whole shop sold nothing
/// (closed), and days a count had the product out of stock for most of the day.
public struct DemandHistory {
    let database: Database
    let org: Org

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
    }

    static let selectOpenDays = "SELECT day FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ? AND lines > 0"
    static let selectShopUnits =
        "SELECT day, units FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ? AND lines > 0"
    static let selectShopTakings =
        "SELECT day, revenue FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ? AND lines > 0"
    static let selectUnits = """
        SELECT d.product_id, d.day, d.units FROM daily_product_sales d JOIN products p ON p.id = d.product_id
        WHERE p.org_id = ? AND d.day >= ? AND d.day < ?
        """
    static let selectProductUnits = """
        SELECT product_id, day, units FROM daily_product_sales WHERE product_id = ? AND day >= ? AND day < ?
        """

    /// How far back a forecast learns from: half a year holds the weekday profile and the season's turn.
    public static let forecastDays = 182

    /// One product's forecast for the `days` after today, from its last `forecastDays`; nil when it has not
    /// sold in them.
    public func forecast(product: Int64, now: Date, days: Int) throws -> DemandForecaster.Forecast? {
        guard let history = try series(days: Self.forecastDays, now: now, product: product)[product] else {
            return nil
        }
        return try forecaster(now: now).forecast(history, days: days)
    }

    /// A forecaster that knows the shop's weekday pattern over the last `forecastDays`, for the series
    /// `series(days: forecastDays, now: now)` reads.
    public func forecaster(now: Date) throws -> DemandForecaster {
        DemandForecaster(profile: WeekdayProfile(shop: try shopSeries(days: Self.forecastDays, now: now)))
    }

    /// The whole shop's units per local day (`takings`: its takings in minor units), over the same days as
    /// `series`; the days it sold nothing are censored (closed).
    public func shopSeries(days: Int, now: Date, takings: Bool = false) throws -> DemandSeries {
        let span = DaySpan(days: days, now: now, calendar: org.calendar)
        var values = [Double?](repeating: nil, count: span.days)
        let sql = takings ? Self.selectShopTakings : Self.selectShopUnits
        try database.forEachRow(sql, [.integer(org.id), .text(span.from), .text(span.to)]) { row in
            if let day = span.index[row.string(0)], day < span.days { values[day] = Double(row.int64(1)) }
        }
        return DemandSeries(values: values, firstWeekday: span.firstWeekday)
    }

    /// The `days` whole local days before today, per product (`product`: only that one). Products without a
    /// sale in the span are absent.
    public func series(days: Int, now: Date, product: Int64? = nil) throws -> [Int64: DemandSeries] {
        let span = DaySpan(days: days, now: now, calendar: org.calendar)
        let (days, starts, index, from, to) = (span.days, span.starts, span.index, span.from, span.to)
        var open = [Bool](repeating: false, count: days)
        try database.forEachRow(Self.selectOpenDays, [.integer(org.id), .text(from), .text(to)]) { row in
            if let day = index[row.string(0)], day < days { open[day] = true }
        }
        var units: [Int64: [Double]] = [:]
        let sql = product == nil ? Self.selectUnits : Self.selectProductUnits
        let values: [SQLValue] = [product.map { .integer($0) } ?? .integer(org.id), .text(from), .text(to)]
        try database.forEachRow(sql, values) { row in
            guard let day = index[row.string(1)], day < days else { return }
            units[row.int64(0), default: [Double](repeating: 0, count: days)][day] = Double(row.int(2))
        }
        let out = try outageDays(starts: starts, product: product)
        let firstWeekday = span.firstWeekday
        var result: [Int64: DemandSeries] = [:]
        for (id, sold) in units {
            let censored = out[id] ?? []
            result[id] = DemandSeries(
                values: (0..<days).map { day in open[day] && !censored.contains(day) ? sold[day] : nil },
                firstWeekday: firstWeekday)
        }
        return result
    }

    /// Per product, the day indices (into `starts`) it was out of stock for more than half of.
    func outageDays(starts: [Date], product: Int64?) throws -> [Int64: Set<Int>] {
        guard let first = starts.first, let last = starts.last else { return [:] }
        let lookBack = first.addingTimeInterval(-365 * 86_400)
        var result: [Int64: Set<Int>] = [:]
        var current: Int64 = -1
        var outSince: Date?
        func close(_ id: Int64, at end: Date) {
            guard let since = outSince else { return }
            outSince = nil
            let from = max(since, first)
            let until = min(end, last)
            guard from < until else { return }
            for day in 0..<(starts.count - 1) {
                let overlap = min(until, starts[day + 1]).timeIntervalSince(max(from, starts[day]))
                if overlap > starts[day + 1].timeIntervalSince(starts[day]) / 2 { result[id, default: []].insert(day) }
            }
        }
        var values: [SQLValue] = [
            .integer(org.id), .integer(Int64(lookBack.timeIntervalSince1970)),
            .integer(Int64(last.timeIntervalSince1970)),
        ]
        if let product { values.append(.integer(product)) }
        try database.forEachRow(StockMetrics.selectHistory(oneProduct: product != nil), values) { row in
            let id = row.int64(0)
            if id != current {
                close(current, at: last)
                current = id
            }
            let at = Date(timeIntervalSince1970: TimeInterval(row.int64(2)))
            if row.int(1) <= 0 {
                if outSince == nil { outSince = at }
            } else {
                close(id, at: at)
            }
        }
        close(current, at: last)
        return result
    }
}

/// The whole local days before today that a demand series covers: their starts (one more, today's, closes the
/// last), keys and the index of each key.
struct DaySpan {
    let days: Int
    let starts: [Date]
    let index: [String: Int]
    let from: String
    let to: String
    /// The weekday of the first day: 0 = Sunday … 6 = Saturday.
    let firstWeekday: Int

    init(days: Int, now: Date, calendar: OrgCalendar) {
        let days = max(1, days)
        self.days = days
        starts = (0...days).map { calendar.startOfDay(now, adding: $0 - days) }
        let keys = starts.map(calendar.dayKey)
        index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        from = keys[0]
        to = keys[days]
        firstWeekday = calendar.calendar.component(.weekday, from: starts[0]) - 1
    }
}
