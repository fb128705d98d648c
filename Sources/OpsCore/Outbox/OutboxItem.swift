import Foundation

/// One message the delivery loop must send: written in the same transaction as the change behind it.
public struct OutboxItem: Sendable, Equatable {
    public enum Channel: String, Sendable {
        case chat
        case email
        case sms
    }

    public enum Kind: String, Sendable {
        /// Alerts that fired (with any reminders), grouped per target.
        case alert
        /// Only alerts still open after their repeat interval or snooze.
        case reminder
        /// A reply in the thread of `refersTo`: the alerts cleared.
        case resolved
        /// `refersTo`'s message edited in place to show its alerts' current state.
        case edit
        /// A message of its own (`body`) to one person or chat: a task handed over, a task overdue.
        case notice
    }

    public enum Status: String, Sendable {
        case pending
        case sent
        case failed
    }

    public let id: Int64
    public let orgID: Int64
    public let channel: Channel
    /// The chat transport ("telegram"); empty for email and SMS.
    public let transport: String
    /// Chat id, email address or phone number.
    public let target: String
    public let kind: Kind
    public let refersTo: Int64?
    public let status: Status
    public let attempts: Int
    public let createdAt: Date
    public let sentAt: Date?
    /// What the provider called the sent message (Telegram message_id, Twilio SID, SMTP answer).
    public let messageKey: String?
    public let lastError: String?
    public let alertIDs: [Int64]
    /// The text of a notice.
    public let body: String?
}

/// One try at sending an outbox item, with the provider's answer.
public struct DeliveryAttempt: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case sent
        /// Failed, tried again later.
        case retry
        /// Failed for good.
        case failed
    }

    public let outboxID: Int64
    public let at: Date
    public let outcome: Outcome
    public let answer: String
}
