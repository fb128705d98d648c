import Foundation
import OpsCore

/// "alerts", "ack 12", "assign 12 to @maria", "snooze 12 2d", "resolve 12", "alert history milk",
/// "alert me when oat milk below 12", "set reorder point croissant 20", "mute sales alerts for 3 days",
/// "alert settings", "alerts here".
struct AlertHandler {
    let matcher: ProductMatcher

    func reply(_ command: AlertCommand, context: HandlerContext) throws -> Reply {
        let text = AlertText(org: context.org, now: context.now)
        switch command {
        case .list:
            return try list(context: context, text: text)
        case .show(let id):
            guard let alert = try context.store.alert(id: id, orgID: context.org.id) else {
                return .text(AlertDeskError.notFound(id).description)
            }
            var reply = text.message([alert], reminder: false)
            let comments = try TaskDesk(store: context.store, org: context.org).comments(alertID: id)
            if !comments.isEmpty {
                reply.blocks.append(
                    .text(
                        comments.suffix(5).map { who, at, note in
                            "💬 \(who), \(text.dates.moment(at, now: context.now)): \(note)"
                        }.joined(separator: "\n")))
            }
            return reply
        case .history(let query):
            return try history(query: query, context: context, text: text)
        case .acknowledge(let id):
            return try change(.acknowledge, id, context: context, text: text)
        case .snooze(let id, let minutes):
            return try change(
                .snooze(until: context.now.addingTimeInterval(TimeInterval(minutes * 60))), id,
                context: context, text: text)
        case .resolve(let id):
            return try change(.resolve, id, context: context, text: text)
        case .assign(let id, let person):
            return try assign(id, to: person, context: context, text: text)
        case .threshold, .reorderPoint, .mute, .here:
            return try configure(command, context: context)
        case .settings:
            return try settings(context: context)
        case .usage(let hint):
            return .text(hint)
        }
    }

    private func list(context: HandlerContext, text: AlertText) throws -> Reply {
        let alerts = try context.store.unresolvedAlerts(orgID: context.org.id)
        guard !alerts.isEmpty else { return .text("No open alerts. ✅") }
        let shown = alerts.prefix(15)
        var lines = shown.map(text.line)
        if alerts.count > shown.count { lines.append("+\(alerts.count - shown.count) more") }
        var blocks: [Reply.Block] = [.title("Open alerts (\(alerts.count))"), .text(lines.joined(separator: "\n"))]
        if let notice = try context.store.unroutedAlertsNotice(orgID: context.org.id) { blocks.append(.text(notice)) }
        blocks.append(.text("“ack N”, “snooze N 2d”, “assign N to @name”, “resolve N”; “alert N” shows buttons."))
        return Reply(blocks: blocks)
    }

    private func change(_ change: AlertDesk.Change, _ id: Int64, context: HandlerContext, text: AlertText) throws
        -> Reply
    {
        do {
            let alert = try AlertDesk(store: context.store, org: context.org)
                .apply(change, to: id, by: context.member, now: context.now)
            let done: String
            switch change {
            case .acknowledge, .handBack: done = "acknowledged by \(context.member.name)"
            case .assign: done = "assigned to \(alert.assigneeName ?? "them")"
            case .snooze(let until): done = "snoozed until \(text.dates.moment(until, now: context.now))"
            case .resolve: done = "resolved by \(context.member.name)"
            }
            return Reply(blocks: [.text("Alert #\(id) \(done): \(text.headline(alert)).")], kind: .done)
        } catch let error as AlertDeskError {
            return Reply(blocks: [.text(error.description)], kind: .done)
        }
    }

    /// Hands the alert to a member as a task; they are told in private chat.
    private func assign(_ id: Int64, to person: String?, context: HandlerContext, text: AlertText) throws -> Reply {
        guard let alert = try context.store.alert(id: id, orgID: context.org.id) else {
            return .text(AlertDeskError.notFound(id).description)
        }
        guard !alert.isResolved else { return .text(AlertDeskError.resolved(alert).description) }
        let resolver = MemberResolver(context: context)
        let choose = { (member: Member) in "assign \(id) to id:\(member.userKey)" }
        guard let person else {
            return Reply(
                blocks: [.text("Assign alert #\(id) (\(text.headline(alert))) to whom?")],
                buttons: MemberResolver.buttons(try resolver.members(), action: choose))
        }
        switch try resolver.resolve(person) {
        case .none:
            return Reply(
                blocks: [
                    .text(
                        "I don't know anyone called “\(person)” here: only members of the shop can take a task "
                            + "(“invite staff” makes them one). Pick someone:")
                ],
                buttons: MemberResolver.buttons(try resolver.members(), action: choose))
        case .several(let members):
            return Reply(
                blocks: [.text("Several people match “\(person)”. Which one?")],
                buttons: MemberResolver.buttons(members, action: choose))
        case .one(let member):
            let task = try TaskDesk(store: context.store, org: context.org).assign(
                "Alert #\(id): \(text.headline(alert))", to: member, by: context.member, alertID: id, now: context.now)
            let told = try context.howTold(member)
            return Reply(
                blocks: [
                    .text(
                        "Alert #\(id) assigned to \(member.name) as task #\(task.id): \(text.headline(alert)).\(told)")
                ], kind: .done)
        }
    }

    private func history(query: String?, context: HandlerContext, text: AlertText) throws -> Reply {
        let alerts: [Alert]
        let title: String
        if let query {
            switch matcher.match(query) {
            case .found(let product, _):
                alerts = try context.store.alerts(productID: product.id, limit: 10)
                title = "Alert history: \(product.name)"
            case .ambiguous(let products):
                return Reply(
                    blocks: [
                        .text("Which one do you mean?\n" + products.map { "• \($0.name)" }.joined(separator: "\n"))
                    ],
                    buttons: products.map { .init(label: $0.name, action: "alert history \($0.sku)") })
            case .notFound:
                return .text("I don't know a product called “\(query)”. Try “alert history” for the latest alerts.")
            }
        } else {
            alerts = try context.store.recentAlerts(orgID: context.org.id, limit: 10)
            title = "Latest alerts"
        }
        guard !alerts.isEmpty else { return .text("No alerts yet" + (query.map { " for \($0)" } ?? "") + ".") }
        var lines: [String] = []
        for alert in alerts {
            lines.append(text.line(alert))
            lines.append(
                "   opened \(text.dates.moment(alert.openedAt, now: context.now))"
                    + (alert.resolvedAt.map { ", closed \(text.dates.moment($0, now: context.now))" } ?? ""))
            for delivery in try context.store.deliveries(alertID: alert.id) where delivery.kind != .edit {
                lines.append("   " + describe(delivery, text: text, now: context.now))
            }
        }
        return Reply(blocks: [.title(title), .text(lines.joined(separator: "\n"))])
    }

    /// "email owner@example.com: sent Tue 24 Nov 02:00" or "sms +1555…: failed after 6 tries (400 …)".
    private func describe(_ delivery: OutboxItem, text: AlertText, now: Date) -> String {
        let target =
            delivery.channel == .chat ? "\(delivery.transport) chat" : "\(delivery.channel.rawValue) \(delivery.target)"
        let what = delivery.kind == .resolved ? "resolved note" : delivery.kind.rawValue
        switch delivery.status {
        case .sent:
            return "\(what) → \(target): sent \(delivery.sentAt.map { text.dates.moment($0, now: now) } ?? "")"
        case .pending:
            return "\(what) → \(target): waiting"
                + (delivery.attempts > 0
                    ? " (\(delivery.attempts) tries, last: \(delivery.lastError ?? "?"))" : "")
        case .failed:
            return "\(what) → \(target): FAILED after \(delivery.attempts) tries — \(delivery.lastError ?? "no answer")"
        }
    }

    private func configure(_ command: AlertCommand, context: HandlerContext) throws -> Reply {
        let store = context.store
        let orgID = context.org.id
        switch command {
        case .threshold(let query, let below):
            guard case .found(let product, _) = matcher.match(query) else {
                return .text("I don't know a product called “\(query)”. Use its name as on the till, or its SKU.")
            }
            let rules = try store.alertRuleSet(orgID: orgID)
            var rule =
                rules.productRules[.lowStock]?[product.id] ?? AlertRule.lowStock(productID: product.id, below: below)
            rule.setAlert(below: below)
            try store.write {
                try store.saveAlertRule(rule, orgID: orgID, now: context.now)
                try evaluate(context)
            }
            return .text(
                "I'll alert when \(product.name) is below \(NumberText.grouped(below))"
                    + ((try store.stockQuantity(productID: product.id)).map { " (now \(NumberText.grouped($0)))" } ?? "")
                    + "."
                    + (product.reorderPoint.map { " Its reorder point \($0) no longer sets its alert." } ?? ""))
        case .reorderPoint(let query, let quantity):
            guard case .found(let product, _) = matcher.match(query) else {
                return .text("I don't know a product called “\(query)”. Use its name as on the till, or its SKU.")
            }
            var updated = product
            updated.reorderPoint = quantity
            try store.write {
                _ = try store.upsertProduct(updated, orgID: orgID, now: context.now)
                try evaluate(context)
            }
            return .text(
                "Reorder point of \(product.name) set to \(quantity)"
                    + (product.reorderPoint.map { " (was \($0))" } ?? "") + ".")
        case .mute(let kinds, let minutes):
            let until = minutes.map { context.now.addingTimeInterval(TimeInterval($0 * 60)) }
            let rules = try store.alertRuleSet(orgID: orgID)
            try store.write {
                for kind in kinds {
                    var rule = rules.rule(kind)
                    rule.mutedUntil = until
                    try store.saveAlertRule(rule, orgID: orgID, now: context.now)
                }
                let names = kinds.map(\.label).joined(separator: ", ")
                try store.recordActivity(
                    orgID: orgID, memberID: context.member.id, kind: "alert.rule",
                    summary: until == nil
                        ? "\(context.member.name) unmuted \(names) alerts"
                        : "\(context.member.name) muted \(names) alerts", at: context.now)
            }
            let names = kinds.count == AlertKind.allCases.count ? "All" : kinds.map(\.label).joined(separator: ", ")
            guard let until else { return .text("\(names) alerts are on again.") }
            return .text(
                "\(names) alerts muted until \(context.dates.moment(until, now: context.now)). "
                    + "Open alerts stay open; “unmute \(kinds.count == 2 ? "sales " : "")alerts” turns them back on.")
        case .here(let on):
            guard context.message.transport != "console" else {
                return .text("This terminal can't receive alerts: say “alerts here” in the chat that should get them.")
            }
            let chat = context.message.chat
            try store.recordChat(
                orgID: orgID, transport: context.message.transport, chatKey: chat.id,
                kind: chat.kind.rawValue, title: chat.title)
            let before = try store.chat(transport: context.message.transport, chatKey: chat.id)
            try store.setChatReceivesAlerts(on, transport: context.message.transport, chatKey: chat.id)
            guard on else { return .text("This chat won't get alerts any more.") }
            let posted =
                before?.receivesAlerts == true
                ? 0
                : try AlertEngine(store: store, org: context.org).postOpenAlerts(
                    toChat: context.message.transport, chatKey: chat.id, now: context.now)
            return .text(
                "This chat will get the shop's alerts"
                    + (posted > 0
                        ? " (the \(posted == 1 ? "one" : "\(posted)") already open follow\(posted == 1 ? "s" : ""))"
                        : "")
                    + ".")
        default:
            return .text("")
        }
    }

    /// Rules changed: alerts follow at once, in the same transaction.
    private func evaluate(_ context: HandlerContext) throws {
        try AlertEngine(store: context.store, org: context.org, recipients: context.alertRecipients).evaluate(
            now: context.now)
    }

    private func settings(context: HandlerContext) throws -> Reply {
        let rules = try context.store.alertRuleSet(orgID: context.org.id)
        var lines: [String] = []
        for kind in AlertKind.allCases {
            let rule = rules.rule(kind)
            var line = "\(rule.severity.symbol) \(kind.label): "
            switch kind {
            case .lowStock:
                line +=
                    rule.threshold.map { "at or below \($0) (or the reorder point)" } ?? "at or below the reorder point"
            case .outOfStock: line += "nothing left"
            case .daysOfCover: line += "runs out before its lead time (default \(rule.threshold ?? 3) days)"
            case .salesDrop: line += "a day \(rule.threshold ?? 40)% below its usual"
            case .salesSpike: line += "a day \(rule.threshold ?? 60)% above its usual"
            case .productAnomaly:
                line +=
                    "a product's day \(rule.threshold ?? 5)× its usual spread from its usual (8 weeks, same weekday)"
            }
            line += " → \(rule.route)"
            if !rule.enabled { line += " · off" }
            if rule.isMuted(at: context.now), let until = rule.mutedUntil {
                line += " · muted until \(context.dates.moment(until, now: context.now))"
            }
            line += rule.repeatMinutes > 0 ? " · reminds every \(Self.duration(rule.repeatMinutes))" : " · no reminders"
            lines.append(line)
        }
        let products = try context.store.products(orgID: context.org.id)
        let names = Dictionary(uniqueKeysWithValues: products.map { ($0.id, $0.name) })
        let custom = (rules.productRules[.lowStock] ?? [:]).compactMap { id, rule in
            names[id].map { "\($0) below \(rule.alertsBelow ?? 1)" }
        }.sorted()
        if !custom.isEmpty {
            lines.append(
                "Own thresholds: " + custom.prefix(10).joined(separator: ", ")
                    + (custom.count > 10 ? " +\(custom.count - 10) more" : ""))
        }
        let chats = try context.store.alertChats(orgID: context.org.id)
        lines.append(
            "Chats getting alerts: "
                + (chats.isEmpty
                    ? "none yet (say “alerts here” in a group)"
                    : chats.map { $0.title ?? "\($0.kind) chat" }.joined(separator: ", ")))
        return Reply(
            blocks: [
                .title("Alert settings"), .text(lines.joined(separator: "\n")),
                .text(
                    "Change: “alert me when oat milk below 12”, “set reorder point croissant 20”, "
                        + "“mute sales alerts for 3 days”, “alerts here”."),
            ])
    }

    static func duration(_ minutes: Int) -> String {
        if minutes % (24 * 60) == 0 { return minutes == 24 * 60 ? "day" : "\(minutes / (24 * 60)) days" }
        if minutes % 60 == 0 { return minutes == 60 ? "hour" : "\(minutes / 60) hours" }
        return "\(minutes) min"
    }
}
