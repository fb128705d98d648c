import Synchronization

/// Asks a transport to stop between two updates: unlike cancelling its task, it lets the reply in flight be
/// sent and its offset stored. Only the wait for new updates is cut short.
public final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)

    public init() {}

    public func raise() { raised.store(true, ordering: .releasing) }

    public var isRaised: Bool { raised.load(ordering: .acquiring) }

    /// Returns when raised, or when the calling task is cancelled.
    public func wait() async {
        while !isRaised && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}
