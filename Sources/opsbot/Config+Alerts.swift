import Foundation
import OpsCore

/// The `email`, `sms`, `schedule` and `alerts` sections: where alerts go, when they are evaluated, and
/// rules that override what was set in chat.
extension Config {
    struct Email: Equatable {
        var smtpURL: String
        var username: String?
        var passwordEnv: String = "OPSBOT_SMTP_PASSWORD"
        var from: String
        var to: [String]
        /// `smtp://` only: refuse to send unless the server offers STARTTLS (default true).
        var requireTLS = true
    }

    struct SMS: Equatable {
        var apiURL = "https://api.twilio.com"
        var accountSID: String
        var authTokenEnv = "TWILIO_AUTH_TOKEN"
        /// A number, or a Messaging Service SID ("MG…").
        var from: String
        var to: [String]
    }

    static let defaultAlertSchedule = "0 2 * * *"

    static func parseEmail(_ value: Any, problems: inout [String]) -> Email? {
        guard let section = value as? [String: Any] else {
            problems.append("email must be an object")
            return nil
        }
        let known = ["smtp_url", "username", "password_env", "from", "to", "require_tls"]
        for key in section.keys.sorted() where !known.contains(key) {
            problems.append("email: unknown setting “\(key)” (known: \(known.joined(separator: ", ")))")
        }
        guard let url = section["smtp_url"] as? String,
            url.lowercased().hasPrefix("smtp://") || url.lowercased().hasPrefix("smtps://")
        else {
            problems.append("email.smtp_url must be an smtp:// or smtps:// URL, such as smtps://smtp.example.com:465")
            return nil
        }
        guard let from = section["from"] as? String, from.contains("@") else {
            problems.append("email.from must be an address, such as “OpsBot <bot@example.com>”")
            return nil
        }
        guard let to = section["to"] as? [String], !to.isEmpty, to.allSatisfy({ $0.contains("@") }) else {
            problems.append("email.to must be a list of addresses, such as [\"owner@example.com\"]")
            return nil
        }
        var email = Email(smtpURL: url, username: section["username"] as? String, from: from, to: to)
        if let name = section["password_env"] as? String, !name.isEmpty { email.passwordEnv = name }
        if let value = section["require_tls"] {
            guard let flag = value as? Bool else {
                problems.append("email.require_tls must be true or false")
                return nil
            }
            email.requireTLS = flag
        }
        return email
    }

    static func parseSMS(_ value: Any, problems: inout [String]) -> SMS? {
        guard let section = value as? [String: Any] else {
            problems.append("sms must be an object")
            return nil
        }
        let known = ["twilio_api_url", "account_sid", "auth_token_env", "from", "to"]
        for key in section.keys.sorted() where !known.contains(key) {
            problems.append("sms: unknown setting “\(key)” (known: \(known.joined(separator: ", ")))")
        }
        guard let sid = section["account_sid"] as? String, sid.hasPrefix("AC") else {
            problems.append("sms.account_sid must be your Twilio Account SID (it starts with AC)")
            return nil
        }
        guard let from = section["from"] as? String, from.hasPrefix("+") || from.hasPrefix("MG") else {
            problems.append("sms.from must be a number in E.164 form (+15550001111) or a Messaging Service SID (MG…)")
            return nil
        }
        guard let to = section["to"] as? [String], !to.isEmpty, to.allSatisfy({ $0.hasPrefix("+") }) else {
            problems.append("sms.to must be a list of numbers in E.164 form, such as [\"+15550002222\"]")
            return nil
        }
        var sms = SMS(accountSID: sid, from: from, to: to)
        if let url = section["twilio_api_url"] as? String {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                problems.append("sms.twilio_api_url must be an http(s) URL")
                return nil
            }
            sms.apiURL = url
        }
        if let name = section["auth_token_env"] as? String, !name.isEmpty { sms.authTokenEnv = name }
        return sms
    }

    static let notYetAvailableJobs = [
        "forecast": "nightly forecast"
    ]

    static func parseSchedule(_ value: Any, problems: inout [String]) -> [String: CronExpression] {
        guard let section = value as? [String: Any] else {
            problems.append("schedule must be an object")
            return [:]
        }
        var schedule: [String: CronExpression] = [:]
        for key in section.keys.sorted() {
            // Jobs the design names but this version does not run yet: accepting them would promise a summary that
            // never comes.
            if let job = notYetAvailableJobs[key] {
                problems.append("schedule.\(key): the \(job) is not available in this version yet; remove the key")
                continue
            }
            guard ["alerts", "daily_summary", "weekly_insights"].contains(key) else {
                problems.append("schedule: unknown job “\(key)” (known: alerts, daily_summary, weekly_insights)")
                continue
            }
            guard let text = section[key] as? String else {
                problems.append("schedule.\(key) must be a cron expression such as \"0 2 * * *\"")
                continue
            }
            do {
                schedule[key] = try CronExpression(text)
            } catch {
                problems.append("schedule.\(key): \(error)")
            }
        }
        return schedule
    }

    /// `"alerts": {"low_stock": {"threshold": 3, "severity": "warning", "route": "chats email", "repeat_hours": 24,
    /// "enabled": true}, …}`: org-wide rules, applied at start over what was set in chat.
    static func parseAlertRules(
        _ value: Any, productThresholds: inout [String: Int], problems: inout [String]
    ) -> [AlertRule] {
        guard let section = value as? [String: Any] else {
            problems.append("alerts must be an object of rules by kind")
            return []
        }
        var rules: [AlertRule] = []
        for key in section.keys.sorted() {
            guard let kind = AlertKind(rawValue: key) else {
                problems.append(
                    "alerts: unknown rule “\(key)” (known: \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
                continue
            }
            guard let fields = section[key] as? [String: Any] else {
                problems.append("alerts.\(key) must be an object")
                continue
            }
            var rule = AlertRule(kind: kind)
            // A section with only per-product thresholds leaves the org-wide rule as it is.
            let setsRule = fields.keys.contains { $0 != "products_below" }
            for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
                switch field {
                case "products_below" where kind == .lowStock:
                    // {"OAT-1": 12}: the same as "alert me when oat milk below 12".
                    guard let map = value as? [String: Any],
                        map.values.allSatisfy({ ($0 as? Int).map { $0 > 0 } ?? false })
                    else {
                        problems.append(
                            "alerts.low_stock.products_below must map SKUs to whole numbers, such as {\"OAT-1\": 12}")
                        continue
                    }
                    productThresholds = map.mapValues { $0 as! Int }
                case "threshold":
                    guard let number = value as? Int, number >= 0 else {
                        problems.append("alerts.\(key).threshold must be a whole number")
                        continue
                    }
                    rule.threshold = number
                case "severity":
                    guard let text = value as? String, let severity = AlertSeverity(rawValue: text) else {
                        problems.append("alerts.\(key).severity must be critical, warning or info")
                        continue
                    }
                    rule.severity = severity
                case "route":
                    do {
                        rule.route = try AlertRoute(parsing: value as? String ?? "")
                    } catch {
                        problems.append("alerts.\(key).route: \(error)")
                    }
                case "repeat_hours":
                    guard let hours = value as? Int, hours >= 0 else {
                        problems.append("alerts.\(key).repeat_hours must be a whole number of hours (0: never)")
                        continue
                    }
                    rule.repeatMinutes = hours * 60
                case "enabled":
                    guard let flag = value as? Bool else {
                        problems.append("alerts.\(key).enabled must be true or false")
                        continue
                    }
                    rule.enabled = flag
                default:
                    problems.append(
                        "alerts.\(key): unknown setting “\(field)” (known: threshold, severity, route, repeat_hours, "
                            + "enabled\(kind == .lowStock ? ", products_below" : ""))")
                }
            }
            if setsRule { rules.append(rule) }
        }
        return rules
    }

    /// Where email and SMS alerts go; a channel without its secret in the environment is left out.
    func alertRecipients(environment: [String: String]) -> AlertRecipients {
        AlertRecipients(
            emails: email.map(\.to) ?? [],
            phones: sms.flatMap { environment[$0.authTokenEnv]?.isEmpty == false ? $0.to : nil } ?? [])
    }

    /// Writes the file's rules over the stored ones, keeping a mute set in chat. Returns the SKUs of
    /// `products_below` that the shop does not have (yet).
    @discardableResult
    func applyAlertRules(to store: Store, orgID: Int64, now: Date) throws -> [String] {
        guard !alertRules.isEmpty || !productThresholds.isEmpty else { return [] }
        let current = try store.alertRuleSet(orgID: orgID)
        return try store.write {
            for var rule in alertRules {
                rule.mutedUntil = current.rule(rule.kind).mutedUntil
                try store.saveAlertRule(rule, orgID: orgID, now: now)
            }
            var unknown: [String] = []
            for (sku, below) in productThresholds.sorted(by: { $0.key < $1.key }) {
                guard let id = try store.productID(sku: sku, orgID: orgID) else {
                    unknown.append(sku)
                    continue
                }
                try store.saveAlertRule(
                    AlertRule.lowStock(productID: id, below: below), orgID: orgID, now: now)
            }
            return unknown
        }
    }
}
