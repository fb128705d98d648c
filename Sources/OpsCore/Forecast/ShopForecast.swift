import Foundation

/// The whole shop's takings ahead: "forecast sales next week", and the rota check's hours. Learns from the
/// shop's takings per local day over the last half year; a day it sold nothing is a closure, not a zero.
public struct ShopForecast {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    /// Takings in minor units per local day from today (index 0), by the method its backtest chose; nil when
    /// nothing sold in the half year.
    public func takings(now: Date, days: Int) throws -> DemandForecaster.Forecast? {
        let series = try DemandHistory(store: store, org: org).shopSeries(
            days: DemandHistory.forecastDays, now: now, takings: true)
        guard series.values.contains(where: { $0 != nil }) else { return nil }
        return DemandForecaster().forecast(series, days: days)
    }
}
