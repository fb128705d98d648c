import Foundation
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

    /// Sleeps `seconds`, or less when the signal is raised or the task cancelled meanwhile: the one way the
    /// loops wait (for a poll interval, a backoff, a 429's retry_after), so every wait ends at a stop.
    public func sleep(_ seconds: TimeInterval) async {
        let until = Date().addingTimeInterval(seconds)
        while !isRaised && !Task.isCancelled {
            let left = until.timeIntervalSinceNow
            if left <= 0 { return }
            try? await Task.sleep(for: .milliseconds(min(100, max(1, Int(left * 1000)))))
        }
    }
}
