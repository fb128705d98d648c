import OpsCore
import Synchronization
import Testing

@testable import OpsNetwork

/// The send rules every platform shares, against scripted failures.
@Suite struct ReplySenderTests {
    let sender = ReplySender<TelegramAPIError>(
        maxAttempts: 3, backoff: Backoff(base: 0.001, maximum: 0.01), label: "test",
        logger: Logger(label: "test", sink: NullLogSink()), isUnreachable: { $0.isForbidden })

    static func api(_ code: Int, retryAfter: Int? = nil) -> TelegramAPIError {
        .api(code: code, description: "d", retryAfter: retryAfter, migrateToChatID: nil)
    }

    /// Sends with `script` failing the first tries (nil: success); returns the outcome and how many tries it took.
    func send(_ script: [TelegramAPIError?]) async -> (ReplySender<TelegramAPIError>.Outcome, Int) {
        let tries = Mutex(0)
        let outcome = await sender.send(chatKey: "1", stop: StopSignal(), waitTurn: {}) {
            let index = tries.withLock { count -> Int in
                count += 1
                return count - 1
            }
            if index < script.count, let failure = script[index] { throw failure }
        }
        return (outcome, tries.withLock { $0 })
    }

    @Test func aRateLimitIsWaitedOutAndTheSendGoesOn() async {
        let (outcome, tries) = await send([Self.api(429, retryAfter: 0), Self.api(502), nil])
        #expect(outcome == .sent && tries == 3)
    }

    @Test func transientFailuresStopAtTheLimitStillOwed() async {
        let (outcome, tries) = await send([Self.api(502), Self.api(500), Self.api(503), Self.api(502)])
        #expect(outcome == .pending && tries == 3)
    }

    @Test func aRefusalFailsAndABlockIsUnreachableAtOnce() async {
        #expect(await send([Self.api(400)]) == (.failed, 1))
        #expect(await send([Self.api(403)]) == (.unreachable, 1))
    }
}
