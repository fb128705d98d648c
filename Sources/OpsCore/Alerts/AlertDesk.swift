import Foundation

/// What people do with an alert: acknowledge, assign, snooze, resolve. Each change is recorded in the
/// activity feed with who and when, and every chat message showing the alert is queued to be edited. Which
/// change may follow which is `AlertLifecycle`'s to say.
public struct AlertDesk {
    public enum Change: Sendable, Equatable {
        case acknowledge
        case assign(Assignee)
        case snooze(until: Date)
        case resolve
        /// A task for the alert was done and the shop has tasks acknowledge alerts (see `AlertLifecycle.Move`).
        case handBack

        public var move: AlertLifecycle.Move {
            switch self {
            case .acknowledge: return .acknowledge
            case .assign: return .assign
            case .snooze: return .snooze
            case .resolve: return .resolve
            case .handBack: return .handBack
            }
        }
    }

    /// The member an alert is handed to (as a task, by `TaskDesk`): kept on the alert by platform user id.
    public struct Assignee: Sendable, Equatable {
        public let transport: String
        public let userKey: String
        public let name: String
        public let handle: String?

        public init(transport: String, userKey: String, name: String, handle: String? = nil) {
            self.transport = transport
            self.userKey = userKey
            self.name = name
            self.handle = handle
        }
    }

    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    @discardableResult
    public func apply(_ change: Change, to id: Int64, by member: Member, now: Date) throws -> Alert {
        try store.write {
            guard let alert = try store.alert(id: id, orgID: org.id) else { throw AlertDeskError.notFound(id) }
            guard let next = AlertLifecycle.status(after: change.move, from: alert.status) else {
                throw AlertDeskError.resolved(alert)
            }
            let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
            let status = SQLValue.text(next.rawValue)
            let subject = "alert #\(id) (\(alert.kind.label) — \(alert.subject))"
            let summary: String
            switch change {
            case .acknowledge, .handBack:
                // Handing back is acknowledging, from wherever the alert was: the work is done, a manager checks.
                try store.database.execute(
                    """
                    UPDATE alerts SET status = ?, acknowledged_by = ?, acknowledged_at = ?, updated_at = ? WHERE id = ?
                    """, [status, .integer(member.id), at, at, .integer(id)])
                summary = "\(member.name) acknowledged \(subject)"
            case .assign(let person):
                try store.database.execute(
                    """
                    UPDATE alerts SET status = ?, assignee_transport = ?, assignee_key = ?, assignee_name = ?,
                        acknowledged_by = COALESCE(acknowledged_by, ?), acknowledged_at = COALESCE(acknowledged_at, ?),
                        updated_at = ? WHERE id = ?
                    """,
                    [
                        status, .text(person.transport), .text(person.userKey), .text(person.name), .integer(member.id),
                        at,
                        at, .integer(id),
                    ])
                summary = "\(member.name) assigned \(subject) to \(person.name)"
            case .snooze(let until):
                try store.database.execute(
                    "UPDATE alerts SET snoozed_until = ?, updated_at = ? WHERE id = ?",
                    [.integer(Int64(until.timeIntervalSince1970)), at, .integer(id)])
                summary = "\(member.name) snoozed \(subject) until \(Self.timestamp(until, org: org))"
            case .resolve:
                try store.database.execute(
                    """
                    UPDATE alerts SET status = ?, resolved_at = ?, resolved_by = ?, resolution = ?,
                        snoozed_until = NULL, updated_at = ? WHERE id = ?
                    """, [status, at, .integer(member.id), .text("by \(member.name)"), at, .integer(id)])
                summary = "\(member.name) resolved \(subject)"
            }
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "alert.\(change.activityKind)", summary: summary, at: now)
            _ = try AlertPoster(store: store, org: org, recipients: AlertRecipients()).edit(alertIDs: [id], now: now)
            guard let updated = try store.alert(id: id, orgID: org.id) else { throw AlertDeskError.notFound(id) }
            return updated
        }
    }

    /// "Fri 27 Nov", in the shop's zone.
    static func day(_ date: Date, org: Org) -> String { format(date, org: org, "EEE d MMM") }

    /// "Fri 27 Nov 09:00" in the org's time zone, for the activity feed.
    static func timestamp(_ date: Date, org: Org) -> String { format(date, org: org, "EEE d MMM HH:mm") }

    private static func format(_ date: Date, org: Org, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = org.timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

extension AlertDesk.Change {
    var activityKind: String {
        switch self {
        case .acknowledge, .handBack: return "acknowledged"
        case .assign: return "assigned"
        case .snooze: return "snoozed"
        case .resolve: return "resolved"
        }
    }
}

public enum AlertDeskError: Error, CustomStringConvertible, Equatable {
    case notFound(Int64)
    case resolved(Alert)

    public var description: String {
        switch self {
        case .notFound(let id): return "There is no alert #\(id). Say “alerts” to see the open ones."
        case .resolved(let alert): return "Alert #\(alert.id) is already resolved (\(alert.resolution ?? "done"))."
        }
    }
}
