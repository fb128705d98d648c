import Foundation
import OpsChat

/// Alert messages into Telegram chats: sent with their buttons, edited in place, replies threaded, within
/// the Bot API's limits (the token's `SendPacer`, shared with the replies).
public actor TelegramChatDeliverer: ChatDeliverer {
    let api: TelegramAPI

    /// `options` gives the limits (the same as the transport's).
    public init(api: TelegramAPI, options: TelegramTransport.Options = .init()) {
        self.api = api
        api.pacer.setLimits(options.limits)
    }

    public func send(_ reply: Reply, to chatKey: String, replyTo messageKey: String?) async -> DeliveryResult {
        guard let chatID = Int64(chatKey) else { return .failed(answer: "“\(chatKey)” is not a Telegram chat id") }
        var last: Int64?
        for (index, message) in TelegramRenderer.render(reply).enumerated() {
            await pace(chatID)
            do {
                last = try await api.sendMessage(
                    chatID: chatID, text: message.html, keyboard: message.keyboard,
                    replyTo: index == 0 ? messageKey.flatMap { Int64($0) } : nil)
            } catch {
                return Self.result(error)
            }
        }
        return .sent(messageKey: last.map(String.init), answer: "message_id \(last.map(String.init) ?? "?")")
    }

    public func edit(_ messageKey: String, in chatKey: String, to reply: Reply) async -> DeliveryResult {
        guard let chatID = Int64(chatKey), let messageID = Int64(messageKey),
            let message = TelegramRenderer.render(reply).last
        else { return .failed(answer: "nothing to edit") }
        await pace(chatID)
        do {
            try await api.editMessageText(
                chatID: chatID, messageID: messageID, text: message.html, keyboard: message.keyboard)
            return .sent(messageKey: messageKey, answer: "edited message_id \(messageID)")
        } catch {
            return Self.result(error)
        }
    }

    private func pace(_ chatID: Int64) async {
        await api.pacer.waitTurn(chat: chatID, group: chatID < 0)
    }

    static func result(_ error: any Error) -> DeliveryResult {
        guard let error = error as? TelegramAPIError else { return .retry(answer: "\(error)", after: nil) }
        if error.isForbidden { return .unreachable(answer: "\(error)") }
        return DeliveryResult(failure: error)
    }
}
