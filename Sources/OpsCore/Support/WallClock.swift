import Foundation

/// Where "now" comes from. Injected so tests and `--now` can fix the time.
public protocol WallClock: Sendable {
    var now: Date { get }
}

public struct SystemClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock stopped at one instant.
public struct FixedClock: WallClock {
    public let now: Date
    public init(_ now: Date) { self.now = now }
}
