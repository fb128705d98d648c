/// A product's forecast as kept between runs: daily units from the day it was made on.
public struct StoredForecast: Sendable, Equatable {
    public let productID: Int64
    /// The local day (`yyyy-MM-dd`) the first value is for.
    public let madeFor: String
    public let daily: [Double]
    public let method: String
    /// Its mean absolute error a day in its own backtest.
    public let typicalError: Double

    /// The values from `dayKey` on: a forecast made yesterday still serves until tonight's run. Empty when
    /// `dayKey` is past its end or before its start.
    public func daily(from dayKey: String, calendar: OrgCalendar) -> [Double] {
        guard let start = calendar.date(dayKey: madeFor), let day = calendar.date(dayKey: dayKey) else { return [] }
        let offset = Int((day.timeIntervalSince(start) / 86_400).rounded())
        guard offset >= 0, offset < daily.count else { return [] }
        return Array(daily[offset...])
    }
}
