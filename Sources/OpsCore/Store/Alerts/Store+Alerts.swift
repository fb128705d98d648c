import Foundation

extension Store {
    static let alertColumns = """
        id, kind, cause, product_id, day, severity, status, value, threshold, subject, opened_at, notified_at,
        snoozed_until, acknowledged_by, assignee_name, resolved_at, resolution
        """
    static let selectUnresolvedAlerts = "SELECT \(alertColumns) FROM alerts WHERE org_id = ? AND status <> 'resolved'"
    static let selectAlert = "SELECT \(alertColumns) FROM alerts WHERE org_id = ? AND id = ?"
    static let selectProductAlerts = """
        SELECT \(alertColumns) FROM alerts WHERE product_id = ? ORDER BY opened_at DESC, id DESC LIMIT ?
        """
    static let selectRecentAlerts = """
        SELECT \(alertColumns) FROM alerts WHERE org_id = ? ORDER BY opened_at DESC, id DESC LIMIT ?
        """
    static let insertAlertSQL = """
        INSERT INTO alerts (org_id, kind, cause, product_id, day, severity, status, value, threshold, subject,
                            opened_at, updated_at, notified_at)
        VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)
        """

    /// Alerts not yet resolved, most severe first, then oldest first.
    public func unresolvedAlerts(orgID: Int64) throws -> [Alert] {
        try database.query(Self.selectUnresolvedAlerts, [.integer(orgID)], Self.decodeAlert).sorted {
            ($0.severity, -$0.openedAt.timeIntervalSince1970, -$0.id) > (
                $1.severity, -$1.openedAt.timeIntervalSince1970, -$1.id
            )
        }
    }

    static let countUnroutedAlerts = """
        SELECT COUNT(*) FROM alerts a
        WHERE a.org_id = ? AND a.status != 'resolved'
          AND NOT EXISTS (SELECT 1 FROM outbox_alerts oa WHERE oa.alert_id = a.id)
        """

    /// Open alerts that went to nobody: opened while there was no chat, owner's chat or email to send them to.
    public func unroutedAlertCount(orgID: Int64) throws -> Int {
        try database.queryInt(Self.countUnroutedAlerts, [.integer(orgID)])
    }

    /// What to tell the shop about alerts that reach nobody, or nil when every open alert went somewhere.
    public func unroutedAlertsNotice(orgID: Int64) throws -> String? {
        let count = try unroutedAlertCount(orgID: orgID)
        guard count > 0 else { return nil }
        return "\(count) open \(count == 1 ? "alert has" : "alerts have") no one to go to: send /start to the bot in a"
            + " private chat (or “alerts here” in the staff group), or configure email."
    }

    public func alert(id: Int64, orgID: Int64) throws -> Alert? {
        try database.queryFirst(Self.selectAlert, [.integer(orgID), .integer(id)], Self.decodeAlert)
    }

    public func alerts(ids: [Int64], orgID: Int64) throws -> [Alert] {
        try ids.compactMap { try alert(id: $0, orgID: orgID) }
    }

    /// One product's alerts, newest first.
    public func alerts(productID: Int64, limit: Int = 20) throws -> [Alert] {
        try database.query(Self.selectProductAlerts, [.integer(productID), .int(limit)], Self.decodeAlert)
    }

    public func recentAlerts(orgID: Int64, limit: Int = 20) throws -> [Alert] {
        try database.query(Self.selectRecentAlerts, [.integer(orgID), .int(limit)], Self.decodeAlert)
    }

    /// Opens an alert; the unique index refuses a second unresolved alert for the same cause.
    func insertAlert(_ condition: AlertCondition, severity: AlertSeverity, orgID: Int64, now: Date) throws -> Int64 {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try database.execute(
            Self.insertAlertSQL,
            [
                .integer(orgID), .text(condition.kind.rawValue), .text(condition.cause),
                condition.productID.map { .integer($0) } ?? .null, .optionalText(condition.day),
                .text(severity.rawValue),
                .int(condition.value), .optionalInt(condition.threshold), .text(condition.subject), at, at, at,
            ])
        return database.lastInsertedRowID
    }

    static func decodeAlert(_ row: Row) throws -> Alert {
        func date(_ index: Int) -> Date? {
            row.optionalInt(index).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        guard let kind = AlertKind(rawValue: row.string(1)), let status = AlertStatus(rawValue: row.string(6)) else {
            throw DatabaseError.unexpectedValue(
                column: "alerts.kind/status", expected: "a known value", sql: selectAlert)
        }
        return Alert(
            id: row.int64(0), kind: kind, cause: row.string(2), productID: row.isNull(3) ? nil : row.int64(3),
            day: row.optionalString(4), severity: AlertSeverity(rawValue: row.string(5)) ?? .warning, status: status,
            value: row.int(7), threshold: row.optionalInt(8), subject: row.string(9),
            openedAt: Date(timeIntervalSince1970: TimeInterval(row.int(10))), notifiedAt: date(11),
            snoozedUntil: date(12),
            acknowledgedBy: row.isNull(13) ? nil : row.int64(13), assigneeName: row.optionalString(14),
            resolvedAt: date(15), resolution: row.optionalString(16))
    }
}
