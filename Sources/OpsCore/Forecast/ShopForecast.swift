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

    static let selectDailyTakings =
        "SELECT day, revenue, lines FROM daily_sales WHERE org_id = ? AND day >= ? AND day < ?"

    /// Takings in minor units per local day from today (index 0), by the method its backtest chose; nil when
    /// nothing sold in the half year.
    public func takings(now: Date, days: Int) throws -> DemandForecaster.Forecast? {
        let span = DemandHistory.forecastDays
        var clock = LocalClock(zone: org.timeZone)
        let first = clock.day(now) - span
        var values = [Double?](repeating: nil, count: span)
        try store.database.forEachRow(
            Self.selectDailyTakings,
            [
                .integer(org.id), .text(CivilDate(daysSince1970: first).key),
                .text(CivilDate(daysSince1970: first + span).key),
            ]
        ) { row in
            guard let date = CivilDate(key: row.string(0)), row.int(2) > 0 else { return }
            let day = date.daysSince1970 - first
            if values.indices.contains(day) { values[day] = Double(row.int64(1)) }
        }
        guard values.contains(where: { $0 != nil }) else { return nil }
        let series = DemandSeries(values: values, firstWeekday: LocalClock.weekday(ofDay: first))
        return DemandForecaster().forecast(series, days: days)
    }
}
