import Synchronization

/// Raised once, read from a libcurl callback on another thread: tells a transfer to stop.
final class CancelFlag: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .releasing) }

    var isRaised: Bool { raised.load(ordering: .acquiring) }
}
