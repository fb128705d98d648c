import Foundation
import OpsChat

/// How one attempt at sending an outbox item went, with the provider's answer for the record.
public enum DeliveryResult: Sendable, Equatable {
    case sent(messageKey: String?, answer: String)
    /// Worth another try: a network failure, a 5xx, a 429 (`after` is the provider's wait, when it gave one).
    case retry(answer: String, after: TimeInterval?)
    /// Will fail the same way again (a bad number, a message that cannot be edited).
    case failed(answer: String)
    /// The bot was blocked or removed from the chat: it is marked inactive, nothing more goes there.
    case unreachable(answer: String)
}

/// Sends alert messages into the chats of one transport, and edits them in place.
public protocol ChatDeliverer: Sendable {
    func send(_ reply: OpsChat.Reply, to chatKey: String, replyTo messageKey: String?) async -> DeliveryResult
    func edit(_ messageKey: String, in chatKey: String, to reply: OpsChat.Reply) async -> DeliveryResult
}
