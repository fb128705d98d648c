import Foundation

/// How long to wait before the next try after `attempt` failures: exponential from `base`, at most `maximum`,
/// with ±25 % jitter so that many clients failing together do not come back together. The one policy for
/// polls, replies and deliveries alike.
public struct Backoff: Sendable {
    public var base: TimeInterval
    public var maximum: TimeInterval
    /// Doublings stop after this many failures (then the wait stays at `base` × 2^(cap − 1), or `maximum`).
    public var doublings: Int

    public init(base: TimeInterval, maximum: TimeInterval, doublings: Int = 20) {
        self.base = base
        self.maximum = maximum
        self.doublings = doublings
    }

    public func delay(after attempt: Int) -> TimeInterval {
        let exponent = Double(min(max(attempt, 1), doublings) - 1)
        return min(maximum, base * pow(2, exponent) * Double.random(in: 0.75...1.25))
    }
}
