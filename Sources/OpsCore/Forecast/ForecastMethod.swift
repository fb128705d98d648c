/// The ways a product's daily demand can be forecast; `DemandForecaster` picks one per product by its own
/// backtest.
public enum ForecastMethod: Sendable, Equatable, Hashable {
    /// The same weekday last week: the yardstick every other method is measured against.
    case seasonalNaive
    /// A level smoothed with `alpha` (a damped trend with `beta` when given) times weekday factors.
    case seasonalSmoothing(alpha: Double, beta: Double?)
    /// Croston's method with the Syntetos–Boylan correction, for products that sell on few days.
    case crostonSBA(alpha: Double)
    /// Teunter–Syntetos–Babai: the chance of a sale smoothed each day, so demand that stops fades out.
    case tsb(alpha: Double, beta: Double)

    public var name: String {
        switch self {
        case .seasonalNaive: return "seasonal naive"
        case .seasonalSmoothing(_, let beta): return beta == nil ? "weekday smoothing" : "weekday smoothing + trend"
        case .crostonSBA: return "Croston (SBA)"
        case .tsb: return "TSB"
        }
    }

    /// The candidates tried on every product: smoothing at several speeds, with and without a trend, and the
    /// intermittent methods.
    public static let candidates: [ForecastMethod] =
        [0.05, 0.1, 0.2, 0.35].map { .seasonalSmoothing(alpha: $0, beta: nil) }
        + [0.1, 0.2].map { .seasonalSmoothing(alpha: $0, beta: 0.05) }
        + [0.1, 0.3].map { .crostonSBA(alpha: $0) }
        + [(0.1, 0.05), (0.2, 0.1)].map { .tsb(alpha: $0.0, beta: $0.1) }

    static let trendDamping = 0.9

    /// Croston and TSB: tried only on products that sell on few days.
    public var isIntermittent: Bool {
        switch self {
        case .crostonSBA, .tsb: return true
        case .seasonalNaive, .seasonalSmoothing: return false
        }
    }

    /// Demand for the `horizon` days after `history`.
    /// `factors`: the history's `weekdayFactors`, when the caller has them already.
    public func forecast(_ history: DemandSeries, horizon: Int, factors: [Double]? = nil) -> [Double] {
        guard horizon > 0 else { return [] }
        switch self {
        case .seasonalNaive: return Self.seasonalNaive(history, horizon: horizon)
        case .seasonalSmoothing(let alpha, let beta):
            return Self.smoothing(
                history, horizon: horizon, alpha: alpha, beta: beta, factors: factors ?? Self.weekdayFactors(history))
        case .crostonSBA(let alpha):
            return Self.byWeekday(Self.croston(history, alpha: alpha), history, horizon, factors)
        case .tsb(let alpha, let beta):
            return Self.byWeekday(Self.tsb(history, alpha: alpha, beta: beta), history, horizon, factors)
        }
    }

    /// An intermittent method's daily rate spread over the coming days by the weekday profile (which averages
    /// 1, so the week's total is the rate's): a shop's total keeps its busy Saturday.
    static func byWeekday(_ rate: Double, _ history: DemandSeries, _ horizon: Int, _ factors: [Double]?) -> [Double] {
        let factors = factors ?? weekdayFactors(history)
        return (0..<horizon).map { rate * factors[history.weekday(at: history.count + $0)] }
    }

    /// The latest observed value of each weekday, carried forward (a censored day keeps the week before).
    static func seasonalNaive(_ history: DemandSeries, horizon: Int) -> [Double] {
        var last = [Double?](repeating: nil, count: 7)
        for (index, value) in history.values.enumerated() {
            if let value { last[history.weekday(at: index)] = value }
        }
        let fallback = last.compactMap { $0 }.reduce(0, +) / Double(max(1, last.compactMap { $0 }.count))
        return (0..<horizon).map { last[history.weekday(at: history.count + $0)] ?? fallback }
    }

    /// Weekday factors: each weekday's mean over the overall mean, pulled towards `prior` (the shop's
    /// factors; a flat week without them) as far as the weekday's mean is uncertain (its spread over its days,
    /// at least a count's own) against how far the weekdays stray from the prior beyond their uncertainty: a
    /// week whose days differ from the prior only by chance comes out as the prior. The prior's when nothing
    /// sold.
    static func weekdayFactors(
        _ history: DemandSeries, prior: [Double] = flatWeek
    ) -> [Double] {
        var byWeekday = [[Double]](repeating: [], count: 7)
        // The last 16 weeks: a season long ago says little about next week's profile.
        for index in max(0, history.count - 112)..<history.count {
            if let value = history.values[index] { byWeekday[history.weekday(at: index)].append(value) }
        }
        // Each weekday's mean without its highest and lowest day once it has six: a promotion's day does not
        // make a weekday busy.
        let means = byWeekday.map { values -> (mean: Double, variance: Double, count: Double)? in
            guard !values.isEmpty else { return nil }
            let kept = values.count >= 6 ? Array(values.sorted().dropFirst().dropLast()) : values
            let mean = kept.reduce(0, +) / Double(kept.count)
            let spread = kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, kept.count - 1))
            return (mean, spread, Double(kept.count))
        }
        let known = means.compactMap { $0 }
        let overall = known.map(\.mean).reduce(0, +) / Double(max(1, known.count))
        guard overall > 0 else { return prior }
        // Counts of sales vary at least as a Poisson count of the product's usual rate does: no sales on
        // Tuesdays in eight weeks of a slow product say little about Tuesdays.
        let estimates = means.map { entry in
            entry.map { entry in
                (
                    factor: entry.mean / overall,
                    uncertainty: max(entry.variance, entry.mean, overall) / entry.count / (overall * overall)
                )
            }
        }
        let spread = Self.observedSpread(
            zip(estimates, prior).compactMap { estimate, prior in
                estimate.map { (deviation: $0.factor - prior, uncertainty: $0.uncertainty) }
            })
        var factors = zip(estimates, prior).map { estimate, prior -> Double in
            guard let estimate else { return prior }
            let weight = spread / (spread + estimate.uncertainty)
            return weight * estimate.factor + (1 - weight) * prior
        }
        // Normalised to average 1, so the level carries the whole volume.
        let average = factors.reduce(0, +) / 7
        if average > 0 { factors = factors.map { $0 / average } }
        return factors
    }

    /// The variance of the weekdays' factors around the prior beyond what their uncertainty explains (the
    /// method of moments), with a small floor so a strong weekday is never flattened entirely.
    static func observedSpread(_ estimates: [(deviation: Double, uncertainty: Double)]) -> Double {
        guard estimates.count > 1 else { return minimumSpread }
        // One degree of freedom goes to the overall mean the factors are measured against.
        let variance = estimates.map { $0.deviation * $0.deviation }.reduce(0, +) / Double(estimates.count - 1)
        let noise = estimates.map(\.uncertainty).reduce(0, +) / Double(estimates.count)
        return max(minimumSpread, variance - noise)
    }

    static let minimumSpread = 0.0005

    static let flatWeek = [Double](repeating: 1, count: 7)

    static func smoothing(_ history: DemandSeries, horizon: Int, alpha: Double, beta: Double?, factors: [Double])
        -> [Double]
    {
        // Start from the first two weeks' deseasonalised mean.
        var seed: [Double] = []
        for (index, value) in history.values.enumerated() where seed.count < 14 {
            if let value { seed.append(value / max(factors[history.weekday(at: index)], 0.05)) }
        }
        guard !seed.isEmpty else { return Array(repeating: 0, count: horizon) }
        var level = seed.reduce(0, +) / Double(seed.count)
        var trend = 0.0
        let phi = beta == nil ? 0 : trendDamping
        for (index, value) in history.values.enumerated() {
            let factor = max(factors[history.weekday(at: index)], 0.05)
            let expected = max(0, level + phi * trend)
            guard let value else {
                // Censored: demand unknown, the level waits.
                trend *= phi
                continue
            }
            // A promotion or a one-off order: at most three times what was expected, so it does not lift
            // the level for weeks.
            let capped = min(value, 3 * max(expected * factor, 1))
            let previous = level
            level = alpha * (capped / factor) + (1 - alpha) * expected
            if let beta { trend = beta * (level - previous) + (1 - beta) * phi * trend }
        }
        var result: [Double] = []
        var damped = 0.0
        var weight = phi
        for step in 0..<horizon {
            damped += weight * trend
            weight *= phi
            let factor = factors[history.weekday(at: history.count + step)]
            result.append(max(0, (level + damped) * factor))
        }
        return result
    }

    static func croston(_ history: DemandSeries, alpha: Double) -> Double {
        var size: Double?
        var interval = 1.0
        var gap = 1.0
        for value in history.values {
            guard let value else { continue }
            if value > 0 {
                if let current = size {
                    // As for smoothing: one huge order does not set the size for weeks.
                    size = alpha * min(value, 3 * current + 1) + (1 - alpha) * current
                    interval = alpha * gap + (1 - alpha) * interval
                } else {
                    size = value
                    interval = gap
                }
                gap = 1
            } else {
                gap += 1
            }
        }
        guard let size else { return 0 }
        return (1 - alpha / 2) * size / max(interval, 1)
    }

    static func tsb(_ history: DemandSeries, alpha: Double, beta: Double) -> Double {
        var size: Double?
        var probability = 0.0
        for value in history.values {
            guard let value else { continue }
            if value > 0 {
                size = size.map { alpha * min(value, 3 * $0 + 1) + (1 - alpha) * $0 } ?? value
                probability = beta + (1 - beta) * probability
            } else {
                probability *= (1 - beta)
            }
        }
        return (size ?? 0) * probability
    }
}
