/// The shop's weekday pattern, from its daily totals: what a single product's few sales say about its own
/// weekdays is pulled towards it, not towards a flat week. A slow product sells too little for its Saturdays
/// to show, but the shop's Saturday does.
public struct WeekdayProfile: Sendable, Equatable {
    /// The shop's units per day over the same days as the product series it is used with.
    public let shop: DemandSeries
    /// The shop's weekday factors for the histories ending at each of the last few weeks' ends (where the
    /// backtests' origins fall), by the history's length.
    private let byEnd: [Int: [Double]]

    public init(shop: DemandSeries) {
        self.shop = shop
        var byEnd: [Int: [Double]] = [:]
        // The forecast's own end, its four backtest origins, and the four before them the benchmark scores on.
        for week in 0...9 where shop.count - 7 * week > 0 {
            let end = shop.count - 7 * week
            byEnd[end] = ForecastMethod.weekdayFactors(shop.prefix(end))
        }
        self.byEnd = byEnd
    }

    /// The shop's factors on the days before `end`.
    public func factors(endingAt end: Int) -> [Double] {
        byEnd[end] ?? ForecastMethod.weekdayFactors(shop.prefix(end))
    }
}
