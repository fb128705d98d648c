/// Forecasts a product's daily demand with the method that did best on its own history: rolling origin, four
/// weekly origins of seven-day horizons, errors only on the days that were observed.
public struct DemandForecaster: Sendable {
    public struct Backtest: Sendable, Equatable {
        /// Absolute errors summed over the backtest's observed days, and how many days there were.
        public var absoluteError: Double = 0
        public var days = 0

        public var meanAbsoluteError: Double { days > 0 ? absoluteError / Double(days) : 0 }

        mutating func add(_ other: Backtest) {
            absoluteError += other.absoluteError
            days += other.days
        }
    }

    public struct Forecast: Sendable, Equatable {
        /// Units per day, from the day after the history.
        public let daily: [Double]
        public let method: ForecastMethod
        /// The chosen method's backtest on the last four weeks, and seasonal naive's on the same days.
        public let backtest: Backtest
        public let naiveBacktest: Backtest

        /// "usually within ±2 a day": the typical daily error.
        public var typicalError: Double { backtest.meanAbsoluteError }
    }

    public var origins = 4
    public var horizon = 7
    public var candidates = ForecastMethod.candidates
    /// The shop's weekday pattern over the same days as the series forecast, which each product's own is
    /// pulled towards; without it, towards a flat week.
    public var profile: WeekdayProfile?

    public init(profile: WeekdayProfile? = nil) {
        self.profile = profile
    }

    /// The weekday factors a method forecasts `history` with.
    public func weekdayFactors(_ history: DemandSeries) -> [Double] {
        guard let profile else { return ForecastMethod.weekdayFactors(history) }
        return ForecastMethod.weekdayFactors(history, prior: profile.factors(endingAt: history.count))
    }

    /// The error of `method` forecasting the `horizon` days after each origin: the last `origins` weeks of
    /// `series`, each fitted on the days before it. `endingAt`: where the last window ends (default: the end).
    public func backtest(_ method: ForecastMethod, on series: DemandSeries, endingAt end: Int? = nil) -> Backtest {
        backtests([method], on: series, endingAt: end)[0]
    }

    /// `backtest` of several methods at once: each origin's history and weekday factors are made once.
    public func backtests(_ methods: [ForecastMethod], on series: DemandSeries, endingAt end: Int? = nil)
        -> [Backtest]
    {
        let end = min(end ?? series.count, series.count)
        var results = [Backtest](repeating: Backtest(), count: methods.count)
        for origin in 1...max(1, origins) {
            let start = end - horizon * origin
            // Two weeks of history at least, or the origin says nothing.
            guard start >= 14 else { continue }
            let history = series.prefix(start)
            let factors = weekdayFactors(history)
            for (index, method) in methods.enumerated() {
                let predicted = method.forecast(history, horizon: horizon, factors: factors)
                for step in 0..<horizon {
                    guard let actual = series.values[start + step] else { continue }
                    results[index].absoluteError += abs(actual - predicted[step])
                    results[index].days += 1
                }
            }
        }
        return results
    }

    /// The method with the least backtest error on the windows ending at `endingAt`; seasonal smoothing
    /// unless an intermittent method beats it on this product.
    public func bestMethod(for series: DemandSeries, endingAt end: Int? = nil) -> ForecastMethod {
        choice(for: series, endingAt: end).method
    }

    /// `bestMethod`, with its backtest and seasonal naive's on the same windows (one pass over the origins).
    func choice(for series: DemandSeries, endingAt end: Int? = nil)
        -> (method: ForecastMethod, backtest: Backtest, naive: Backtest)
    {
        // Four weeks are a small sample: another method replaces the default only when it is clearly better
        // (5 % less error), or the choice follows the noise.
        // Intermittent methods only where zero days are common (a third or more).
        let intermittent = series.zeroShare >= Self.intermittentShare
        let others = candidates.filter { $0 != Self.defaultMethod && (intermittent || !$0.isIntermittent) }
        let errors = backtests([.seasonalNaive, Self.defaultMethod] + others, on: series, endingAt: end)
        let naive = errors[0]
        guard errors[1].days > 0 else { return (Self.defaultMethod, errors[1], naive) }
        var best = (method: Self.defaultMethod, backtest: errors[1], error: errors[1].absoluteError * Self.requiredGain)
        for (method, error) in zip(others, errors.dropFirst(2)) where error.absoluteError < best.error - 1e-9 {
            best = (method, error, error.absoluteError)
        }
        return (best.method, best.backtest, naive)
    }

    public static let defaultMethod = ForecastMethod.seasonalSmoothing(alpha: 0.1, beta: nil)
    static let requiredGain = 0.95
    /// Zero days at least this common make a series a candidate for the intermittent methods.
    static let intermittentShare = 1.0 / 3

    /// The next `days` of demand, by the method its backtest chose.
    public func forecast(_ series: DemandSeries, days: Int = 28) -> Forecast {
        let chosen = choice(for: series)
        return Forecast(
            daily: chosen.method.forecast(series, horizon: days, factors: weekdayFactors(series)),
            method: chosen.method, backtest: chosen.backtest, naiveBacktest: chosen.naive)
    }
}
