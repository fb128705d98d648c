import Foundation
import OpsCore

/// A clock a test moves by hand (`clock.now = …`), for reminders, expiries and due times.
public final class MutableClock: WallClock, @unchecked Sendable {
    // Unchecked: only the test's own thread reads and moves it.
    public var now: Date

    public init(_ now: Date) { self.now = now }
}
