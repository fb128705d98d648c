import Foundation

/// Keeps every product's forecast made: nightly (the first alert evaluation of a local day) and after an import
/// changed sales or stock. Stock cover in alerts and replies reads what it keeps, from now on (`StockCover`):
/// of today, only the share of a day's sales still to come at this hour.
public final class ForecastBook {
    let store: Store
    let org: Org
    private var share: (at: Date, value: Double)?

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    static let selectHours =
        "SELECT hour_start, units FROM hourly_sales WHERE org_id = ? AND hour_start >= ? AND hour_start < ?"

    /// The days forecast ahead: cover beyond them goes on at the last week's rate.
    public static let days = 28

    /// Makes the forecasts again when they were made on an earlier day or sales changed since. Returns
    /// whether it did.
    @discardableResult
    public func refreshIfStale(now: Date) throws -> Bool {
        let today = org.calendar.dayKey(now)
        if let run = try store.forecastRun(orgID: org.id), run.madeFor == today, !run.stale { return false }
        try refresh(now: now)
        return true
    }

    /// Forecasts every product that sold in the last half year, from today.
    public func refresh(now: Date) throws {
        let today = org.calendar.dayKey(now)
        let history = DemandHistory(store: store, org: org)
        let series = try history.series(days: DemandHistory.forecastDays, now: now)
        let forecaster = try history.forecaster(now: now)
        let forecasts = series.sorted { $0.key < $1.key }.map { id, history -> StoredForecast in
            let forecast = forecaster.forecast(history, days: Self.days)
            return StoredForecast(
                productID: id, madeFor: today, daily: forecast.daily, method: forecast.method.name,
                typicalError: forecast.typicalError)
        }
        try store.replaceDemandForecasts(forecasts, orgID: org.id, madeFor: today, now: now)
    }

    /// The product's demand from today's start (all of today first; `shareOfTodayLeft` says how much of it is
    /// still to come); nil when it has no forecast (it has not sold in half a year, or the
    /// forecasts were never made).
    public func demand(productID: Int64, now: Date) throws -> [Double]? {
        try store.demandForecast(productID: productID).flatMap { usable($0, now: now) }
    }

    /// Every product's demand from today's start, by product id.
    public func demand(now: Date) throws -> [Int64: [Double]] {
        let calendar = org.calendar
        guard let today = calendar.date(dayKey: calendar.dayKey(now)) else { return [:] }
        return try store.demandForecasts(orgID: org.id) { madeFor in
            calendar.date(dayKey: madeFor).map { Int((today.timeIntervalSince($0) / 86_400).rounded()) }
        }
    }

    private func usable(_ forecast: StoredForecast, now: Date) -> [Double]? {
        let daily = forecast.daily(from: org.calendar.dayKey(now), calendar: org.calendar)
        return daily.isEmpty ? nil : daily
    }

    /// The share of a day's sales still to come at `now`, from the shop's sales by local hour over the last
    /// four weeks (a café that closes at six has sold most of its day by three); the share of the clock's day
    /// left while there are no sales to learn from.
    public func shareOfTodayLeft(now: Date) throws -> Double {
        if let share, share.at == now { return share.value }
        let calendar = org.calendar
        let today = calendar.startOfDay(now)
        let elapsed = max(
            0,
            min(1, now.timeIntervalSince(today) / max(1, calendar.startOfDay(now, adding: 1).timeIntervalSince(today))))
        var byHour = [Double](repeating: 0, count: 24)
        let from = calendar.startOfDay(now, adding: -28)
        try store.database.forEachRow(
            Self.selectHours,
            [
                .integer(org.id), .integer(Int64(from.timeIntervalSince1970)),
                .integer(Int64(today.timeIntervalSince1970)),
            ]
        ) { row in
            let hour = calendar.calendar.component(.hour, from: Date(timeIntervalSince1970: TimeInterval(row.int64(0))))
            byHour[min(max(hour, 0), 23)] += Double(max(0, row.int(1)))
        }
        let total = byHour.reduce(0, +)
        var value = 1 - elapsed
        if total > 0 {
            let hour = calendar.calendar.component(.hour, from: now)
            let minute = calendar.calendar.component(.minute, from: now)
            let later = byHour[(hour + 1)...].reduce(0, +)
            value = (later + byHour[hour] * (1 - Double(minute) / 60)) / total
        }
        share = (now, value)
        return value
    }
}
