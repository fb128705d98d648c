import Foundation

/// Keeps every product's forecast made: nightly (the first alert evaluation of a local day) and after an import
/// changed sales or stock. Stock cover in alerts and replies reads what it keeps.
public struct ForecastBook {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

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
        let series = try DemandHistory(store: store, org: org).series(days: DemandHistory.forecastDays, now: now)
        let forecaster = DemandForecaster()
        let forecasts = series.sorted { $0.key < $1.key }.map { id, history -> StoredForecast in
            let forecast = forecaster.forecast(history, days: Self.days)
            return StoredForecast(
                productID: id, madeFor: today, daily: forecast.daily, method: forecast.method.name,
                typicalError: forecast.typicalError)
        }
        try store.replaceDemandForecasts(forecasts, orgID: org.id, madeFor: today, now: now)
    }

    /// The product's demand from today on; nil when it has no forecast (it has not sold in half a year, or the
    /// forecasts were never made).
    public func demand(productID: Int64, now: Date) throws -> [Double]? {
        try store.demandForecast(productID: productID).flatMap { usable($0, now: now) }
    }

    /// Every product's demand from today on, by product id.
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
}
