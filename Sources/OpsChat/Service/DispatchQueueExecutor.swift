import Dispatch

/// A serial executor on a private dispatch queue: an actor that uses it runs its (blocking) SQLite work on
/// that queue's thread, never on the cooperative pool. After GRDB's `DispatchQueueActor`.
final class DispatchQueueExecutor: SerialExecutor, @unchecked Sendable {
    // @unchecked: the only state is an immutable serial DispatchQueue, which is thread-safe.
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
