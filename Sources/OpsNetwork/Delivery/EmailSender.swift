import Foundation

/// Sends alert emails, as `ChatDeliverer` sends chat messages: the outbox dispatcher knows only this.
public protocol EmailSender: Sendable {
    /// Sends one email to `address`; the provider's answer as a delivery result (retry, failed, sent).
    func sendEmail(to address: String, subject: String, text: String, html: String) async -> DeliveryResult
}

extension SMTPMailer: EmailSender {
    public func sendEmail(to address: String, subject: String, text: String, html: String) async -> DeliveryResult {
        let message = EmailMessage(from: settings.from, to: [address], subject: subject, text: text, html: html)
        do {
            let code = try await send(message)
            return .sent(messageKey: nil, answer: "SMTP \(code)")
        } catch {
            return DeliveryResult(failure: error)
        }
    }
}
