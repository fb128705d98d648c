import Foundation
import OpsCore

/// How alerts read in a chat, an email and a text message: one line each, with their state.
public struct AlertText: Sendable {
    let org: Org
    let now: Date

    public init(org: Org, now: Date) {
        self.org = org
        self.now = now
    }

    var money: MoneyFormatter { MoneyFormatter(currency: org.currency) }
    var dates: DateText { DateText(calendar: org.calendar) }

    /// "Low stock: Oat Milk 1L — 4 left (alert at 12)".
    public func headline(_ alert: Alert) -> String {
        "\(alert.kind.label): \(subject(alert)) — \(detail(alert))"
    }

    func subject(_ alert: Alert) -> String {
        // A product's unusual day is about the product; its day is in the detail.
        guard alert.productID == nil, let day = alert.day, let date = org.calendar.date(dayKey: day) else {
            return alert.subject.singleLine
        }
        return dates.day(date, now: now)
    }

    func detail(_ alert: Alert) -> String {
        switch alert.kind {
        case .lowStock:
            return "\(NumberText.grouped(alert.value)) left (alert at \(NumberText.grouped(alert.threshold ?? 0)))"
        case .outOfStock:
            return alert.value == 0 ? "none left" : "\(NumberText.grouped(alert.value)) on the count"
        case .daysOfCover:
            let days = "\(alert.value / 10).\(alert.value % 10)"
            let lead = alert.threshold ?? 0
            return "about \(days) days left at the recent rate; a delivery takes \(lead) day\(lead == 1 ? "" : "s")"
        case .salesDrop, .salesSpike:
            let usual = alert.threshold ?? 0
            let percent = usual > 0 ? abs(alert.value - usual) * 100 / usual : 0
            let weekday = alert.day.flatMap { org.calendar.date(dayKey: $0) }.map { dates.day($0).prefix(3) } ?? "day"
            return "\(money.format(alert.value)), \(percent)% \(alert.kind == .salesDrop ? "below" : "above") "
                + "a usual \(weekday) (\(money.format(usual)))"
        case .productAnomaly:
            let weekday = alert.day.flatMap { org.calendar.date(dayKey: $0) }.map { dates.day($0, now: now) } ?? "a day"
            return
                "\(NumberText.grouped(alert.value)) sold on \(weekday), where \(NumberText.grouped(alert.threshold ?? 0)) "
                + "is usual for that weekday"
        }
    }

    /// "acknowledged", "assigned to Maria", "snoozed until Fri 27 Nov 09:00", "resolved by Maria".
    public func state(_ alert: Alert) -> String? {
        var parts: [String] = []
        switch alert.status {
        case .open: break
        case .acknowledged: parts.append("acknowledged")
        case .assigned: parts.append("assigned to \(alert.assigneeName ?? "someone")")
        case .resolved:
            switch alert.resolution {
            case "cleared": parts.append("cleared")
            case "past": parts.append("closed: a past day")
            default: parts.append("resolved \(alert.resolution ?? "")")
            }
        }
        if let until = alert.snoozedUntil, until > now, !alert.isResolved {
            parts.append("snoozed until \(dates.moment(until, now: now))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// "🟠 #12 Low stock: Oat Milk 1L — 4 left (alert at 12) · acknowledged".
    public func line(_ alert: Alert) -> String {
        let mark = alert.isResolved ? "✅" : alert.severity.symbol
        return "\(mark) #\(alert.id) \(headline(alert))" + (state(alert).map { " · \($0)" } ?? "")
    }

    /// The chat message for alerts posted together (new ones with any reminders), with buttons to act.
    public func message(_ alerts: [Alert], reminder: Bool) -> Reply {
        let open = alerts.filter { !$0.isResolved }
        let title: String
        if alerts.count == 1 {
            // The line below names the alert's number: the title says what kind it is, not the number again.
            title = (reminder ? "Reminder: " + alerts[0].kind.label.lowercased() : alerts[0].kind.label)
        } else if reminder {
            title = "Reminder: \(alerts.count) alerts still open"
        } else {
            let kinds = Set(alerts.map(\.kind))
            title =
                kinds.count == 1
                ? "\(alerts.count) alerts: \(alerts[0].kind.label.lowercased())" : "\(alerts.count) alerts"
        }
        var reply = Reply(blocks: [.title(title), .text(Self.capped(alerts.map(line), at: Self.maxLines))])
        if let first = open.first, open.count > Self.maxWithButtons {
            reply.blocks.append(
                .text(
                    "Reply “ack \(first.id)”, “snooze \(first.id) 2d”, “assign \(first.id) to @name” "
                        + "or “resolve \(first.id)”."))
        }
        reply.buttons = buttons(open)
        return reply
    }

    /// A chat message lists this many alerts, then "+N more" (a first night on a big catalogue can open thousands).
    static let maxLines = 15

    static func capped(_ lines: [String], at limit: Int) -> String {
        guard lines.count > limit else { return lines.joined(separator: "\n") }
        return (lines.prefix(limit) + ["+\(lines.count - limit) more — say “alerts”"]).joined(separator: "\n")
    }

    /// Up to this many alerts in one message get their own buttons; beyond that the words do it.
    static let maxWithButtons = 4

    func buttons(_ alerts: [Alert]) -> [Reply.Button] {
        guard !alerts.isEmpty, alerts.count <= Self.maxWithButtons else { return [] }
        if alerts.count == 1 {
            let id = alerts[0].id
            var buttons: [Reply.Button] = []
            if alerts[0].status == .open { buttons.append(.init(label: "Acknowledge", action: "ack \(id)")) }
            buttons += [
                .init(label: "Assign…", action: "assign \(id)"),
                .init(label: "Snooze 1 day", action: "snooze \(id) 1d"),
                .init(label: "Resolved", action: "resolve \(id)"),
            ]
            return buttons
        }
        return alerts.flatMap { alert in
            [
                Reply.Button(label: "✓ Ack #\(alert.id)", action: "ack \(alert.id)"),
                Reply.Button(label: "Assign #\(alert.id)", action: "assign \(alert.id)"),
                Reply.Button(label: "Snooze #\(alert.id)", action: "snooze \(alert.id) 1d"),
                Reply.Button(label: "Resolved #\(alert.id)", action: "resolve \(alert.id)"),
            ]
        }
    }

    /// The reply in the alert's thread when its cause went away by itself.
    public func resolvedNotice(_ alerts: [Alert]) -> Reply {
        let lines = alerts.map { alert -> String in
            switch alert.kind {
            case .lowStock, .outOfStock, .daysOfCover:
                return "✅ #\(alert.id) \(subject(alert)): \(alert.kind.label.lowercased()) cleared — stock is back up"
            case .salesDrop, .salesSpike, .productAnomaly:
                return "✅ #\(alert.id) \(subject(alert)): sales are back within the usual range"
            }
        }
        return Reply(blocks: [
            .title(alerts.count == 1 ? "Resolved" : "\(alerts.count) alerts resolved"),
            .text(Self.capped(lines, at: Self.maxLines)),
        ])
    }

    static let maxEmailLines = 200

    /// An email: subject, plain text and HTML with the same content.
    public func email(_ alerts: [Alert], reminder: Bool) -> (subject: String, text: String, html: String) {
        let subject =
            "[\(org.name)] "
            + (alerts.count == 1
                ? (reminder ? "Reminder: " : "") + headline(alerts[0])
                : (reminder ? "Reminder: \(alerts.count) alerts still open" : "\(alerts.count) alerts"))
        let footer = "Reply in the shop's chat: “ack 12”, “snooze 12 2d”, “assign 12 to @name”, “resolve 12”."
        let listed = alerts.prefix(Self.maxEmailLines)
        let more =
            alerts.count > listed.count ? "+\(alerts.count - listed.count) more: say “alerts” in the chat.\n" : ""
        let text =
            listed.map { "#\($0.id) [\($0.severity.rawValue)] \(headline($0))" }.joined(separator: "\n")
            + "\n" + more + "\n" + footer + "\n"
        let rows = listed.map { alert in
            "<tr><td>#\(alert.id)</td><td>\(Self.html(alert.severity.rawValue))</td><td>\(Self.html(headline(alert)))</td></tr>"
        }.joined(separator: "\n")
        let html = """
            <!DOCTYPE html>
            <html><body>
            <h2>\(Self.html(subject))</h2>
            <table>
            \(rows)
            </table>
            <p>\(Self.html(more))\(Self.html(footer))</p>
            </body></html>

            """
        return (subject, text, html)
    }

    /// A text message: plain characters (no emoji, which would halve the SMS length), most severe first.
    public func sms(_ alerts: [Alert], reminder: Bool) -> String {
        let lines = alerts.prefix(5).map { "#\($0.id) \(headline($0))" }
        let more = alerts.count > 5 ? "\n+\(alerts.count - 5) more" : ""
        return "\(org.name)\(reminder ? " reminder" : ""): " + lines.joined(separator: "\n") + more
    }

    public static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
