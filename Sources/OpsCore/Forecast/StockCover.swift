/// Days of cover: how long stock lasts against a day-by-day demand forecast.
public enum StockCover {
    /// The days until `stock` is used up, in fractions of a day, from the start of the forecast's first day.
    /// Beyond the forecast the demand goes on at its last week's average. Nil when nothing is expected to sell.
    public static func days(stock: Int, demand: [Double]) -> Double? {
        var left = Double(max(0, stock))
        for (day, units) in demand.enumerated() where units > 0 {
            if left < units { return Double(day) + left / units }
            left -= units
        }
        let tail = demand.suffix(7)
        let rate = tail.reduce(0, +) / Double(max(1, tail.count))
        guard rate > 0 else { return nil }
        return Double(demand.count) + left / rate
    }
}
