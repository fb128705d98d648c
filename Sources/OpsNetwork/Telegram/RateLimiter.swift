import Foundation

/// Telegram's sending limits: one message a second per chat, twenty a minute per group, thirty a second
/// in all. `delay(for:group:now:)` says how long to wait before the next send; `record` notes one.
struct RateLimiter {
    struct Limits: Sendable {
        var perChatInterval: TimeInterval = 1
        var perGroupPerMinute = 20
        var perSecondOverall = 30
    }

    let limits: Limits
    private var lastByChat: [Int64: Date] = [:]
    private var groupSends: [Int64: [Date]] = [:]
    private var allSends: [Date] = []

    init(limits: Limits) { self.limits = limits }

    /// The same sends so far, under other limits.
    func withLimits(_ limits: Limits) -> RateLimiter {
        var copy = RateLimiter(limits: limits)
        copy.lastByChat = lastByChat
        copy.groupSends = groupSends
        copy.allSends = allSends
        return copy
    }

    func delay(for chat: Int64, group: Bool, now: Date) -> TimeInterval {
        var wait: TimeInterval = 0
        if let last = lastByChat[chat] {
            wait = max(wait, last.addingTimeInterval(limits.perChatInterval).timeIntervalSince(now))
        }
        if group, let sends = groupSends[chat], sends.count >= limits.perGroupPerMinute {
            wait = max(
                wait, sends[sends.count - limits.perGroupPerMinute].addingTimeInterval(60).timeIntervalSince(now))
        }
        if allSends.count >= limits.perSecondOverall {
            wait = max(
                wait, allSends[allSends.count - limits.perSecondOverall].addingTimeInterval(1).timeIntervalSince(now))
        }
        return max(0, wait)
    }

    mutating func record(chat: Int64, group: Bool, at now: Date) {
        lastByChat[chat] = now
        if group {
            var sends = groupSends[chat, default: []].filter { now.timeIntervalSince($0) < 60 }
            sends.append(now)
            groupSends[chat] = sends
        }
        allSends = allSends.filter { now.timeIntervalSince($0) < 1 } + [now]
    }
}
