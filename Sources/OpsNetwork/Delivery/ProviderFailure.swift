import Foundation

/// What a provider's failure says about trying again — the one reading of 429s, retry-after and transient
/// errors, for Telegram, SMTP and Twilio alike.
public protocol ProviderFailure: Error, CustomStringConvertible {
    /// The provider's own wait before the next try (a 429's `retry_after` or `Retry-After`), when it gave one.
    var retryAfter: TimeInterval? { get }
    /// Worth another try (the network, a 5xx, a 429); otherwise it will fail the same way again.
    var isTransient: Bool { get }
}

extension DeliveryResult {
    /// A failed send as the outbox records it: retried (after the provider's wait, when it gave one) or failed.
    public init(failure: some ProviderFailure) {
        if let wait = failure.retryAfter {
            self = .retry(answer: failure.description, after: wait)
        } else {
            self =
                failure.isTransient
                ? .retry(answer: failure.description, after: nil) : .failed(answer: failure.description)
        }
    }
}

extension TelegramAPIError: ProviderFailure {
    public var retryAfter: TimeInterval? {
        if case .api(429, _, let seconds?, _) = self { return TimeInterval(seconds) }
        return nil
    }
}

extension TwilioError: ProviderFailure {
    public var retryAfter: TimeInterval? {
        if case .api(429, _, _, let seconds?) = self { return TimeInterval(seconds) }
        return nil
    }
}

extension SMTPError: ProviderFailure {
    public var retryAfter: TimeInterval? { nil }
    public var isTransient: Bool { transient }
}
