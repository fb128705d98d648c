import Synchronization

/// An index made the first time it is used, then kept: a shop's 5,000 product names are not read into word
/// forms for a message that names no product ("help", "sales today"), which `opsbot ask` would pay at every
/// start.
final class LazyIndex<Value: Sendable>: Sendable {
    private let make: @Sendable () -> Value
    private let made = Mutex<Value?>(nil)

    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        made.withLock { made in
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
