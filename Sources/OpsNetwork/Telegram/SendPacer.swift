import Foundation
import Synchronization

/// One bot token's place in Telegram's limits, shared by everything that sends with it (replies and alert
/// deliveries alike): each send takes the next free slot for its chat, so two senders never both go at once.
public final class SendPacer: Sendable {
    private let limiter: Mutex<RateLimiter>

    init(limits: RateLimiter.Limits = .init()) { limiter = Mutex(RateLimiter(limits: limits)) }

    /// Changes the limits (tests use short ones); slots already taken stay taken.
    public func setLimits(perChatInterval: TimeInterval, perGroupPerMinute: Int, perSecondOverall: Int) {
        setLimits(
            .init(
                perChatInterval: perChatInterval, perGroupPerMinute: perGroupPerMinute,
                perSecondOverall: perSecondOverall))
    }

    func setLimits(_ limits: RateLimiter.Limits) {
        limiter.withLock { $0 = $0.withLimits(limits) }
    }

    /// Waits for the chat's next slot, which is taken at once (before the wait), so a second sender queues behind.
    func waitTurn(chat: Int64, group: Bool) async {
        let wait = limiter.withLock { limiter -> TimeInterval in
            let now = Date()
            let wait = limiter.delay(for: chat, group: group, now: now)
            limiter.record(chat: chat, group: group, at: now.addingTimeInterval(wait))
            return wait
        }
        if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
    }
}
