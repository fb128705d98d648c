import Foundation

/// Axis ticks at round values: steps of 1, 2, 2.5 or 5 times a power of ten, about `target` of them, from zero
/// (or below it, for a day of refunds) to past the largest value.
struct NiceScale: Sendable, Equatable {
    let minimum: Double
    let maximum: Double
    let step: Double

    init(low: Double, high: Double, target: Int = 5) {
        let low = min(0, low.isFinite ? low : 0)
        var high = max(0, high.isFinite ? high : 0)
        if high <= low { high = low + 1 }
        let rough = (high - low) / Double(max(1, target))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        self.minimum = (low / step).rounded(.down) * step
        self.maximum = (high / step).rounded(.up) * step
    }

    var ticks: [Double] {
        var ticks: [Double] = []
        var value = minimum
        while value <= maximum + step / 1000 && ticks.count < 50 {
            ticks.append(abs(value) < step / 1000 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// Where `value` falls between `bottom` (the minimum) and `top` (the maximum), in pixels.
    func position(_ value: Double, bottom: Double, top: Double) -> Double {
        bottom - (value - minimum) / (maximum - minimum) * (bottom - top)
    }
}
