import Foundation

/// Sends alert texts, as `ChatDeliverer` sends chat messages: the outbox dispatcher knows only this.
public protocol SMSSender: Sendable {
    /// Sends one text to `number`; the provider's answer as a delivery result (a 429's wait included).
    func sendSMS(to number: String, body: String) async -> DeliveryResult
}

extension TwilioClient: SMSSender {
    public func sendSMS(to number: String, body: String) async -> DeliveryResult {
        do {
            let sid = try await send(to: number, body: body)
            return .sent(messageKey: sid, answer: "Twilio \(sid) queued")
        } catch {
            return DeliveryResult(failure: error)
        }
    }
}
