import Dispatch
import Foundation
import OpsNetwork
import Synchronization

/// SIGINT and SIGTERM, the Linux way: dispatch sources on a private queue, registered before any work starts
/// (an early SIGTERM is otherwise lost), no `SIG_IGN`. The first signal asks for a clean stop; a second one
/// ends the process at once.
final class SignalWatcher: @unchecked Sendable {
    // @unchecked: `sources` is only held to keep the handlers alive, never touched after `start`.
    private let sources: [any DispatchSourceSignal]
    private let continuation: AsyncStream<Int32>.Continuation
    let signals: AsyncStream<Int32>

    private init(
        sources: [any DispatchSourceSignal], stream: AsyncStream<Int32>, continuation: AsyncStream<Int32>.Continuation
    ) {
        self.sources = sources
        self.signals = stream
        self.continuation = continuation
    }

    /// Returns once both handlers are installed.
    static func start() async -> SignalWatcher {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let queue = DispatchQueue(label: "opsbot.signals")
        let received = SignalCount()
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if received.increment() > 1 { exit(130) }
                continuation.yield(number)
            }
            sources.append(source)
        }
        for source in sources {
            await withCheckedContinuation { (registered: CheckedContinuation<Void, Never>) in
                source.setRegistrationHandler { registered.resume() }
                source.activate()
            }
        }
        return SignalWatcher(sources: sources, stream: stream, continuation: continuation)
    }

    /// The first signal's number, or nil when `stop` is raised first (the bot stops for another reason).
    func first(orUntil stop: StopSignal) async -> Int32? {
        await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await number in self.signals { return number }
                return nil
            }
            group.addTask {
                await stop.wait()
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }
}

/// Counts signals across the handler's invocations.
private final class SignalCount: Sendable {
    private let count = Mutex(0)

    func increment() -> Int {
        count.withLock {
            $0 += 1; return $0
        }
    }
}
