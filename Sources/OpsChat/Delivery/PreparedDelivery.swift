import Foundation
import OpsCore

/// An outbox item with its content rendered from the alerts' state at the moment it goes out.
public struct PreparedDelivery: Sendable {
    public enum Content: Sendable {
        case chat(Reply, replyTo: String?)
        case chatEdit(messageKey: String, Reply)
        case email(subject: String, text: String, html: String)
        case sms(String)
        /// Nothing to send any more; the reason is recorded.
        case skip(String)
    }

    public let item: OutboxItem
    public let content: Content
}

extension Store {
    /// Renders an outbox item: new and reminder posts show their alerts as they are now; edits re-render the
    /// message they refer to; "resolved" replies go in that message's thread.
    func prepare(_ item: OutboxItem, now: Date) throws -> PreparedDelivery {
        let org = try self.org(id: item.orgID)
        let text = AlertText(org: org, now: now)
        let alerts = try self.alerts(ids: item.alertIDs, orgID: item.orgID)
        let referred = try item.refersTo.flatMap { try outboxItem(id: $0) }
        func ready(_ content: PreparedDelivery.Content) -> PreparedDelivery {
            PreparedDelivery(item: item, content: content)
        }

        switch item.kind {
        case .notice:
            let body = item.body ?? ""
            switch item.channel {
            case .chat: return ready(.chat(.text(body), replyTo: nil))
            case .email:
                return ready(
                    .email(
                        subject: "[\(org.name)] " + (body.split(separator: "\n").first.map(String.init) ?? ""),
                        text: body + "\n", html: "<p>\(AlertText.html(body))</p>"))
            case .sms: return ready(.sms(body))
            }
        case .alert, .reminder:
            let open = alerts.filter { !$0.isResolved }
            guard !open.isEmpty else { return ready(.skip("its alerts were resolved before it went out")) }
            let reminder = item.kind == .reminder
            switch item.channel {
            case .chat: return ready(.chat(text.message(alerts, reminder: reminder), replyTo: nil))
            case .email:
                let email = text.email(open, reminder: reminder)
                return ready(.email(subject: email.subject, text: email.text, html: email.html))
            case .sms: return ready(.sms(text.sms(open, reminder: reminder)))
            }
        case .edit:
            guard let referred, referred.status == .sent, let key = referred.messageKey else {
                return ready(
                    .skip("the message it edits has not gone out (it will show the current state when it does)"))
            }
            let shown = try self.alerts(ids: referred.alertIDs, orgID: item.orgID)
            return ready(.chatEdit(messageKey: key, text.message(shown, reminder: referred.kind == .reminder)))
        case .resolved:
            guard let referred, referred.status == .sent, let key = referred.messageKey else {
                return ready(.skip("the alert's message never went out"))
            }
            return ready(.chat(text.resolvedNotice(alerts), replyTo: key))
        }
    }
}
