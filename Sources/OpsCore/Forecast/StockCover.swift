/// Days of cover: how long stock lasts against a day-by-day demand forecast, counted in selling days from now.
///
/// `demand[0]` is all of today; `todayLeft` is the share of a day's sales still to come (`ForecastBook`): at
/// three in the afternoon a café has sold most of its day, and the rest of today counts as that share of a day.
public enum StockCover {
    /// The selling days until `stock` is used up; beyond the forecast the demand goes on at its last week's
    /// average. Nil when nothing is expected to sell.
    public static func days(stock: Int, demand: [Double], todayLeft: Double = 1) -> Double? {
        walk(stock: stock, demand: demand, todayLeft: todayLeft)?.cover
    }

    /// The day the stock runs out on: 0 today, 1 tomorrow; nil when nothing is expected to sell.
    public static func runOutDay(stock: Int, demand: [Double], todayLeft: Double = 1) -> Int? {
        walk(stock: stock, demand: demand, todayLeft: todayLeft)?.day
    }

    private static func walk(stock: Int, demand: [Double], todayLeft: Double) -> (cover: Double, day: Int)? {
        var left = Double(max(0, stock))
        guard left > 0 else { return (0, 0) }
        let share = min(max(todayLeft, 0), 1)
        var elapsed = 0.0
        for (day, units) in demand.enumerated() {
            let length = day == 0 ? share : 1
            let need = max(0, units) * length
            if need > 0, left <= need { return (elapsed + left / units, day) }
            left -= need
            elapsed += length
        }
        let tail = demand.suffix(7)
        let rate = tail.reduce(0, +) / Double(max(1, tail.count))
        guard rate > 0 else { return nil }
        let more = left / rate
        // Runs out during the day after `ceil(more) - 1` whole days past the forecast.
        let (whole, overflow) = demand.count.addingReportingOverflow(Int(min(max(0, more.rounded(.up) - 1), 1e15)))
        return (elapsed + more, overflow ? Int.max : whole)
    }
}
