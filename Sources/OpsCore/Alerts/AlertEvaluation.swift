/// What one evaluation changed.
public struct AlertEvaluation: Sendable, Equatable {
    public var opened: [Alert] = []
    /// Still-true alerts posted again after their repeat interval or snooze.
    public var reminded: [Alert] = []
    /// Alerts whose condition cleared.
    public var resolved: [Alert] = []
    /// Outbox items written.
    public var deliveries = 0

    public init() {}
}

/// The email addresses and phone numbers alerts routed to `email` and `sms` go to; empty when the
/// channel is not set up, so those routes are skipped.
public struct AlertRecipients: Sendable, Equatable {
    public var emails: [String]
    public var phones: [String]

    public init(emails: [String] = [], phones: [String] = []) {
        self.emails = emails
        self.phones = phones
    }
}
