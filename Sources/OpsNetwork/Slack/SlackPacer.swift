import Foundation
import Synchronization

/// About one message a second per channel, with a short burst allowed, as Slack asks of `chat.postMessage`:
/// every sender with the bot's token (replies and alerts) takes its turn here (a cell-rate algorithm per channel).
public final class SlackPacer: Sendable {
    private let due = Mutex<[String: Date]>([:])
    let interval: TimeInterval
    let burst: Int

    public init(interval: TimeInterval = 1, burst: Int = 3) {
        self.interval = max(0, interval)
        self.burst = max(1, burst)
    }

    /// Waits for the channel's turn, taken at once so a second sender queues behind.
    func waitTurn(channel: String) async {
        guard interval > 0 else { return }
        let wait = reserve(channel: channel, now: Date())
        if wait > 0 { try? await Task.sleep(for: .seconds(wait)) }
    }

    /// Takes the channel's next turn at `now` and says how long to wait for it.
    func reserve(channel: String, now: Date) -> TimeInterval {
        due.withLock { due in
            if due.count > 10_000 { due = due.filter { $0.value > now } }
            let theoretical = max(due[channel] ?? now, now)
            due[channel] = theoretical.addingTimeInterval(interval)
            return max(0, theoretical.timeIntervalSince(now) - Double(burst - 1) * interval)
        }
    }
}
