import Foundation
import OpsChat
import OpsCore

/// The delivery loop: sends due outbox items through chat, email and SMS, records each attempt with the
/// provider's answer, retries transient failures with exponential backoff and jitter, and gives up after
/// `maxAttempts` with the failure kept for `alert history`.
///
/// An item is marked sent only after the provider accepted it, so a crash loses nothing and at worst sends
/// one item twice.
public struct OutboxDispatcher: Sendable {
    public struct Channels: Sendable {
        /// Chat deliverers by transport name ("telegram"); items for a transport not running wait for it.
        public var chat: [String: any ChatDeliverer]
        public var mailer: (any EmailSender)?
        public var sms: (any SMSSender)?
        /// Takes the channels' secrets (and anything shaped like one) out of every answer before it is kept.
        public var redactor: AnswerRedactor

        public init(
            chat: [String: any ChatDeliverer] = [:], mailer: (any EmailSender)? = nil, sms: (any SMSSender)? = nil,
            redactor: AnswerRedactor = AnswerRedactor()
        ) {
            self.chat = chat
            self.mailer = mailer
            self.sms = sms
            self.redactor = redactor
        }
    }

    public struct Options: Sendable {
        public var maxAttempts = 6
        /// The first retry waits about this long; each next one twice as long, at most `maxBackoff`.
        public var backoffBase: TimeInterval = 30
        public var maxBackoff: TimeInterval = 3600
        /// How often the loop looks for due items.
        public var pollInterval: TimeInterval = 2
        public var logger = Logger(label: "delivery", sink: StandardErrorLogSink())

        public init() {}
    }

    /// What one pass did.
    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var retrying = 0
        public var failed = 0
        public var skipped = 0
        /// Items left for a transport that is not running here.
        public var waiting = 0

        public init() {}
    }

    let service: ConversationService
    let channels: Channels
    let options: Options

    public init(service: ConversationService, channels: Channels, options: Options = Options()) {
        self.service = service
        self.channels = channels
        self.options = options
    }

    /// Sends what is due now, until nothing due is left (items for an absent transport are left waiting).
    public func runOnce() async -> Summary {
        var summary = Summary()
        var waiting: Set<Int64> = []
        var unrecorded: Set<Int64> = []
        while !Task.isCancelled {
            let batch: [PreparedDelivery]
            do {
                batch = try await service.dueDeliveries(now: Date(), limit: 20 + waiting.count + unrecorded.count)
            } catch {
                options.logger.error("delivery.read_failed", ["error": "\(error)"])
                break
            }
            let work = batch.filter { !waiting.contains($0.item.id) && !unrecorded.contains($0.item.id) }
            if work.isEmpty { break }
            for delivery in work {
                if Task.isCancelled { break }
                guard let result = await send(delivery).map(channels.redactor.redact) else {
                    waiting.insert(delivery.item.id)
                    continue
                }
                record(result, for: delivery.item, into: &summary)
                // An outcome that cannot be stored would bring the same item back at once: leave it for later.
                if !(await store(result, for: delivery.item)) { unrecorded.insert(delivery.item.id) }
            }
        }
        summary.waiting = waiting.count
        return summary
    }

    /// Runs passes until `stop` is raised; the item in flight is finished and recorded first.
    public func run(until stop: StopSignal) async {
        options.logger.info("delivery.start")
        while !Task.isCancelled && !stop.isRaised {
            _ = await runOnce()
            await stop.sleep(options.pollInterval)
        }
        options.logger.info("delivery.stop")
    }

    /// nil: no deliverer for this item's transport here; it stays pending.
    private func send(_ delivery: PreparedDelivery) async -> DeliveryResult? {
        let item = delivery.item
        switch delivery.content {
        case .skip(let reason):
            return .sent(messageKey: nil, answer: "skipped: \(reason)")
        case .chat(let reply, let replyTo):
            guard let deliverer = channels.chat[item.transport] else { return nil }
            return await deliverer.send(reply, to: item.target, replyTo: replyTo)
        case .chatEdit(let key, let reply):
            guard let deliverer = channels.chat[item.transport] else { return nil }
            return await deliverer.edit(key, in: item.target, to: reply)
        case .email(let subject, let text, let html):
            guard let mailer = channels.mailer else {
                return .failed(answer: "email is not set up in the configuration")
            }
            return await mailer.sendEmail(to: item.target, subject: subject, text: text, html: html)
        case .sms(let body):
            guard let sms = channels.sms else { return .failed(answer: "SMS is not set up in the configuration") }
            return await sms.sendSMS(to: item.target, body: body)
        }
    }

    private func record(_ result: DeliveryResult, for item: OutboxItem, into summary: inout Summary) {
        let id = String(item.id), channel = item.channel.rawValue, kind = item.kind.rawValue
        switch result {
        case .sent(_, let answer):
            if answer.hasPrefix("skipped") { summary.skipped += 1 } else { summary.sent += 1 }
            options.logger.info("delivery.sent", ["outbox.id": id, "channel": channel, "kind": kind, "answer": answer])
        case .retry(let answer, _):
            if item.attempts + 1 >= options.maxAttempts { summary.failed += 1 } else { summary.retrying += 1 }
            options.logger.warning(
                "delivery.retry",
                [
                    "outbox.id": id, "channel": channel, "kind": kind, "error": answer,
                    "attempt": String(item.attempts + 1),
                ])
        case .failed(let answer), .unreachable(let answer):
            summary.failed += 1
            options.logger.error(
                "delivery.failed", ["outbox.id": id, "channel": channel, "kind": kind, "error": answer])
        }
    }

    /// Records the attempt; false when the database refused it.
    private func store(_ result: DeliveryResult, for item: OutboxItem) async -> Bool {
        let now = Date()
        do {
            switch result {
            case .sent(let key, let answer):
                try await service.recordDelivery(
                    id: item.id, outcome: .sent, answer: answer, messageKey: key, retryAt: nil, now: now)
            case .retry(let answer, let after):
                let attempt = item.attempts + 1
                if attempt >= options.maxAttempts {
                    try await service.recordDelivery(
                        id: item.id, outcome: .failed, answer: "gave up after \(attempt) tries: \(answer)",
                        messageKey: nil,
                        retryAt: nil, now: now)
                } else {
                    let wait = after ?? backoff(attempt)
                    try await service.recordDelivery(
                        id: item.id, outcome: .retry, answer: answer, messageKey: nil,
                        retryAt: now.addingTimeInterval(wait),
                        now: now)
                }
            case .failed(let answer):
                try await service.recordDelivery(
                    id: item.id, outcome: .failed, answer: answer, messageKey: nil, retryAt: nil, now: now)
            case .unreachable(let answer):
                try await service.recordDelivery(
                    id: item.id, outcome: .failed, answer: answer, messageKey: nil, retryAt: nil, now: now)
                try await service.chatGone(transport: item.transport, chatKey: item.target)
            }
        } catch {
            options.logger.error("delivery.record_failed", ["outbox.id": String(item.id), "error": "\(error)"])
            return false
        }
        return true
    }

    func backoff(_ attempt: Int) -> TimeInterval {
        Backoff(base: options.backoffBase, maximum: options.maxBackoff).delay(after: attempt)
    }
}
