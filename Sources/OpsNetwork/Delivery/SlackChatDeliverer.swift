import Foundation
import OpsChat

/// Alert messages into Slack channels: posted with their buttons, updated in place (`chat.update`), replies in
/// the alert's thread. A channel gone for the bot (archived, left) is unreachable; a refused token fails the
/// item (the owner must mend it); a rate limit or a network failure is tried again.
public struct SlackChatDeliverer: ChatDeliverer {
    let api: SlackAPI

    public init(api: SlackAPI) { self.api = api }

    public func send(_ reply: Reply, to chatKey: String, replyTo messageKey: String?) async -> DeliveryResult {
        var last: String?
        do {
            for message in SlackRenderer.render(reply) {
                last = try await api.postMessage(channel: chatKey, message: message, threadTS: messageKey)
            }
        } catch {
            return Self.result(error)
        }
        return .sent(messageKey: last, answer: "ts \(last ?? "?")")
    }

    public func edit(_ messageKey: String, in chatKey: String, to reply: Reply) async -> DeliveryResult {
        guard let message = SlackRenderer.render(reply).first else { return .failed(answer: "nothing to edit") }
        do {
            try await api.update(channel: chatKey, ts: messageKey, message: message)
            return .sent(messageKey: messageKey, answer: "updated ts \(messageKey)")
        } catch {
            return Self.result(error)
        }
    }

    static func result(_ error: any Error) -> DeliveryResult {
        switch error {
        case let failure as SlackAPI.Failure where failure.chatGone: return .unreachable(answer: failure.description)
        case let failure as SlackAPI.Failure where failure.error == "ratelimited":
            return .retry(answer: failure.description, after: nil)
        case let failure as SlackAPI.Failure: return .failed(answer: failure.description)
        case let failure as ConnectorError
        where failure.kind == .rateLimited || failure.kind == .network
            || failure.kind == .platform:
            return .retry(answer: failure.message, after: nil)
        default: return .retry(answer: "\(error)", after: nil)
        }
    }
}
