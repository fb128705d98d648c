import Foundation

/// Evaluates an org's alert rules: opens an alert for each new cause, reminds about still-open ones when
/// their interval or snooze has passed, resolves those whose cause cleared, and queues the messages, all in
/// one transaction (inside the caller's, when there is one, so an import and its alerts commit together).
public struct AlertEngine {
    let store: Store
    let org: Org
    let recipients: AlertRecipients

    public init(store: Store, org: Org, recipients: AlertRecipients = AlertRecipients()) {
        self.store = store
        self.org = org
        self.recipients = recipients
    }

    static let updateAlertValue = """
        UPDATE alerts SET value = ?, threshold = ?, subject = ?, severity = ?, updated_at = ? WHERE id = ?
        """
    static let updateNotified = "UPDATE alerts SET notified_at = ?, snoozed_until = NULL WHERE id = ?"
    static let updateResolved = """
        UPDATE alerts SET status = ?, resolved_at = ?, resolution = ?, updated_at = ? WHERE id = ?
        """
    /// What a cleared cause makes of its alert (resolved, from any state it can be in).
    static let cleared = SQLValue.text((AlertLifecycle.status(after: .clear, from: .open) ?? .resolved).rawValue)

    @discardableResult
    public func evaluate(now: Date) throws -> AlertEvaluation {
        try store.write {
            let rules = try store.alertRuleSet(orgID: org.id)
            // Nightly, and after an import changed sales or stock: cover is read against today's forecast.
            let book = ForecastBook(store: store, org: org)
            // Cover needs a stock count: a shop that has counted nothing yet (its sales history imported first) has
            // no cover to read, and its import does not wait for thousands of forecasts it would not use.
            if try store.hasCountedStock(orgID: org.id) { try book.refreshIfStale(now: now) }
            let found = try AlertConditions(
                database: store.database, org: org, rules: rules, demand: book.demand(now: now),
                todayLeft: book.shareOfTodayLeft(now: now)
            ).find(now: now)
            let unresolved = try store.unresolvedAlerts(orgID: org.id)
            let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
            var evaluation = AlertEvaluation()

            var open: Set<String> = []
            var pastDays: [Int64] = []
            for alert in unresolved {
                open.insert(alert.cause)
                let rule = rules.rule(alert.kind)
                guard let condition = found.conditions[alert.cause] else {
                    let judged = alert.kind.isStock || alert.day.map(found.judgedDays.contains) == true
                    if judged {
                        try store.database.execute(
                            Self.updateResolved, [Self.cleared, at, .text("cleared"), at, .integer(alert.id)])
                        var resolved = alert
                        resolved.status = .resolved
                        resolved.resolvedAt = now
                        resolved.resolution = "cleared"
                        evaluation.resolved.append(resolved)
                        try store.recordActivity(
                            orgID: org.id, memberID: nil, kind: "alert.resolved",
                            summary: "Alert #\(alert.id) cleared: \(alert.kind.label) — \(alert.subject)", at: now)
                    } else if let day = alert.day, day < found.firstJudgedDay {
                        // A day's sales can no longer change the picture.
                        try closeQuietly(alert, resolution: "past", because: "is past", now: now)
                        pastDays.append(alert.id)
                    }
                    continue
                }
                if condition.suppressed {
                    // Taken over by a graver alert for the product (out of stock over low stock): one alert says
                    // where the product stands. Should the graver one clear while this cause still holds, it
                    // opens again with what is true then.
                    try closeQuietly(alert, resolution: "superseded", because: "is taken over", now: now)
                    pastDays.append(alert.id)
                    continue
                }
                var current = alert
                if condition.value != alert.value || condition.threshold != alert.threshold
                    || condition.subject != alert.subject || rule.severity != alert.severity
                {
                    try store.database.execute(
                        Self.updateAlertValue,
                        [
                            .int(condition.value), .optionalInt(condition.threshold), .text(condition.subject),
                            .text(rule.severity.rawValue), at, .integer(alert.id),
                        ])
                    current.value = condition.value
                    current.threshold = condition.threshold
                    current.subject = condition.subject
                    current.severity = rule.severity
                }
                if isReminderDue(current, rule: rule, now: now) {
                    try store.database.execute(Self.updateNotified, [at, .integer(alert.id)])
                    current.notifiedAt = now
                    current.snoozedUntil = nil
                    evaluation.reminded.append(current)
                }
            }

            for condition in found.conditions.values.sorted(by: Self.order) where !open.contains(condition.cause) {
                let rule = rules.rule(condition.kind)
                guard !condition.suppressed, rule.enabled, !rule.isMuted(at: now) else { continue }
                let id = try store.insertAlert(condition, severity: rule.severity, orgID: org.id, now: now)
                evaluation.opened.append(
                    Alert(
                        id: id, kind: condition.kind, cause: condition.cause, productID: condition.productID,
                        day: condition.day,
                        severity: rule.severity, status: .open, value: condition.value, threshold: condition.threshold,
                        subject: condition.subject, openedAt: Self.whole(now), notifiedAt: Self.whole(now)))
                try store.recordActivity(
                    orgID: org.id, memberID: nil, kind: "alert.opened",
                    summary: "Alert #\(id) opened: \(condition.kind.label) — \(condition.subject)", at: now)
            }

            let poster = AlertPoster(store: store, org: org, recipients: recipients)
            evaluation.deliveries += try poster.post(
                opened: evaluation.opened, reminded: evaluation.reminded, rules: rules, now: now)
            evaluation.deliveries += try poster.announceResolved(evaluation.resolved, now: now)
            evaluation.deliveries += try poster.edit(alertIDs: pastDays, now: now)
            return evaluation
        }
    }

    /// Closes an alert without a "resolved" reply (its messages are edited to show it), with why in the activity.
    private func closeQuietly(_ alert: Alert, resolution: String, because reason: String, now: Date) throws {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try store.database.execute(Self.updateResolved, [Self.cleared, at, .text(resolution), at, .integer(alert.id)])
        try store.recordActivity(
            orgID: org.id, memberID: nil, kind: "alert.closed",
            summary: "Alert #\(alert.id) closed: \(alert.kind.label) — \(alert.subject) \(reason)", at: now)
    }

    /// A snooze that has ended always posts again; otherwise an unacknowledged stock alert is posted again once
    /// its rule's repeat interval has passed (a day's sales are an event, said once). A muted rule posts nothing.
    private func isReminderDue(_ alert: Alert, rule: AlertRule, now: Date) -> Bool {
        guard rule.enabled, !rule.isMuted(at: now) else { return false }
        if let until = alert.snoozedUntil { return until <= now }
        guard alert.status == .open, alert.kind.isStock, rule.repeatMinutes > 0 else { return false }
        let last = alert.notifiedAt ?? alert.openedAt
        return now.timeIntervalSince(last) >= TimeInterval(rule.repeatMinutes * 60)
    }

    /// Times are stored in whole seconds: the alert handed back says what a read would.
    static func whole(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(Int64(date.timeIntervalSince1970)))
    }

    /// Stable order for new alerts: by kind (out of stock first), then subject.
    private static func order(_ a: AlertCondition, _ b: AlertCondition) -> Bool {
        let aRank = a.kind.defaultSeverity, bRank = b.kind.defaultSeverity
        if aRank != bRank { return aRank > bRank }
        if a.kind != b.kind { return a.kind < b.kind }
        return (a.subject, a.cause) < (b.subject, b.cause)
    }
}
