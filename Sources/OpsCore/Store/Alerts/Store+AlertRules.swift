import Foundation

extension Store {
    static let selectAlertRules = """
        SELECT kind, scope, threshold, severity, route, repeat_minutes, enabled, muted_until
        FROM alert_rules WHERE org_id = ? ORDER BY kind, scope
        """
    static let upsertAlertRuleSQL = """
        INSERT INTO alert_rules (org_id, kind, scope, threshold, severity, route, repeat_minutes, enabled, muted_until,
                                 updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, kind, scope) DO UPDATE SET
            threshold = excluded.threshold, severity = excluded.severity, route = excluded.route,
            repeat_minutes = excluded.repeat_minutes, enabled = excluded.enabled, muted_until = excluded.muted_until,
            updated_at = excluded.updated_at
        """

    /// Every stored rule of the org: the org-wide ones and the thresholds for single products and categories.
    /// A kind without a stored org-wide rule uses `AlertRule(kind:)`'s defaults (see `AlertRuleSet`).
    public func alertRules(orgID: Int64) throws -> [AlertRule] {
        try database.query(Self.selectAlertRules, [.integer(orgID)]) { row in
            guard let kind = AlertKind(rawValue: row.string(0)) else {
                throw DatabaseError.unexpectedValue(
                    column: "alert_rules.kind", expected: "a rule kind", sql: Self.selectAlertRules)
            }
            let route = (try? AlertRoute(parsing: row.string(4))) ?? .chats
            return AlertRule(
                kind: kind, scope: AlertRule.Scope(stored: row.string(1)), threshold: row.optionalInt(2),
                severity: AlertSeverity(rawValue: row.string(3)) ?? kind.defaultSeverity, route: route,
                repeatMinutes: row.int(5), enabled: row.int(6) == 1,
                mutedUntil: row.optionalInt(7).map { Date(timeIntervalSince1970: TimeInterval($0)) })
        }
    }

    /// The org's rules with the defaults filled in.
    public func alertRuleSet(orgID: Int64) throws -> AlertRuleSet { AlertRuleSet(try alertRules(orgID: orgID)) }

    public func saveAlertRule(_ rule: AlertRule, orgID: Int64, now: Date) throws {
        try database.execute(
            Self.upsertAlertRuleSQL,
            [
                .integer(orgID), .text(rule.kind.rawValue), .text(rule.scope.stored), .optionalInt(rule.threshold),
                .text(rule.severity.rawValue), .text(rule.route.description), .int(rule.repeatMinutes),
                .int(rule.enabled ? 1 : 0), .optionalInt(rule.mutedUntil.map { Int($0.timeIntervalSince1970) }),
                .integer(Int64(now.timeIntervalSince1970)),
            ])
    }
}
