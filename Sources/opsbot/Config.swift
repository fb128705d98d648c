import Foundation
import OpsCore

/// The configuration file (JSON, see Config/opsbot.example.json), read once at start and checked whole.
///
/// Secrets are never in the file: it names the environment variables that hold them.
struct Config: Equatable {
    struct OrgSettings: Equatable {
        var name: String?
        var timeZone: TimeZone?
        var currency: Currency?
        var weekStart: WeekStart?
    }

    var database: String?
    var org: OrgSettings?
    /// The environment variable holding the Telegram bot token, and the Bot API's base URL.
    var telegramTokenEnv = "TELEGRAM_BOT_TOKEN"
    var telegramAPIURL: String?
    /// Where the health endpoint listens ("127.0.0.1:8080").
    var httpListen: String?
    var email: Email?
    var sms: SMS?
    /// Cron schedules by job ("alerts"); the alerts job defaults to `defaultAlertSchedule`.
    var schedule: [String: CronExpression] = [:]
    var alertRules: [AlertRule] = []
    /// `alerts.low_stock.products_below`: SKU → alert when stock is below this.
    var productThresholds: [String: Int] = [:]
    /// Several shops on one host, each with its own bot (see `Config+Shops`); empty: one shop, `org` and `telegram`.
    var shops: [Shop] = []
    /// Square, Shopify and Google Sheets, read on their own (`Config+Sync`).
    var sync = SyncSettings()
    /// Slack over Socket Mode (`Config+Slack`).
    var slack: SlackSettings?

    /// Sections that later features read; accepted here so one file serves every version.
    static let knownSections: Set<String> = [
        "database", "org", "telegram", "slack", "email", "sms", "schedule", "http", "alerts", "shops", "square",
        "shopify", "sheets",
    ]

    /// Reads `path`, or returns an empty configuration when there is none.
    static func load(path: String?) throws -> Config {
        guard let path else { return Config() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, problems: ["the file cannot be read (does it exist?)"])
        }
        return try parse(data, path: path)
    }

    static func parse(_ data: Data, path: String) throws -> Config {
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw ConfigError(path: path, problems: ["it is not a JSON object ({ … })"])
        }
        var problems: [String] = []
        var config = Config()
        for key in root.keys.sorted() where !knownSections.contains(key) {
            problems.append("unknown setting “\(key)” (known: \(knownSections.sorted().joined(separator: ", ")))")
        }
        if let database = root["database"] {
            if let text = database as? String, !text.isEmpty {
                config.database = text
            } else {
                problems.append("database must be a file path")
            }
        }
        if let section = root["telegram"] {
            if let telegram = section as? [String: Any] {
                if let value = telegram["token_env"] {
                    if let name = value as? String, !name.isEmpty {
                        config.telegramTokenEnv = name
                    } else {
                        problems.append("telegram.token_env must name an environment variable")
                    }
                }
                if let value = telegram["api_url"] {
                    if let url = value as? String, url.hasPrefix("http://") || url.hasPrefix("https://") {
                        config.telegramAPIURL = url
                    } else {
                        problems.append("telegram.api_url must be an http(s) URL, not \(value)")
                    }
                }
            } else {
                problems.append("telegram must be an object")
            }
        }
        if let section = root["http"] {
            if let http = section as? [String: Any], let listen = http["listen"] as? String,
                Self.hostAndPort(listen) != nil
            {
                config.httpListen = listen
            } else if (section as? [String: Any])?["listen"] != nil {
                problems.append("http.listen must be host:port, such as 127.0.0.1:8080")
            }
        }
        if let section = root["org"] {
            if let org = section as? [String: Any] {
                config.org = parseOrg(org, problems: &problems)
            } else {
                problems.append("org must be an object")
            }
        }
        if let section = root["email"] { config.email = parseEmail(section, problems: &problems) }
        if let section = root["sms"] { config.sms = parseSMS(section, problems: &problems) }
        if let section = root["schedule"] { config.schedule = parseSchedule(section, problems: &problems) }
        if let section = root["alerts"] {
            config.alertRules = parseAlertRules(
                section, productThresholds: &config.productThresholds, problems: &problems)
        }
        parseSync(root, into: &config, problems: &problems)
        parseSlack(root, into: &config, problems: &problems)
        if let section = root["shops"] {
            config.shops = parseShops(section, problems: &problems)
            if root["org"] != nil || root["telegram"] != nil {
                problems.append("shops replaces the org and telegram sections: put each shop's in its entry")
            }
        }
        guard problems.isEmpty else { throw ConfigError(path: path, problems: problems) }
        return config
    }

    static func parseOrg(_ org: [String: Any], problems: inout [String]) -> OrgSettings {
        var settings = OrgSettings()
        for key in org.keys.sorted() where !["name", "timezone", "currency", "week_starts_on"].contains(key) {
            problems.append("org: unknown setting “\(key)” (known: name, timezone, currency, week_starts_on)")
        }
        if let value = org["name"] {
            if let name = value as? String, !name.isEmpty {
                settings.name = name
            } else {
                problems.append("org.name must be a non-empty string")
            }
        }
        if let value = org["timezone"] {
            if let identifier = value as? String, let zone = TimeZone(identifier: identifier) {
                settings.timeZone = zone
            } else {
                problems.append("org.timezone must be a time zone name such as “Europe/London”, not \(value)")
            }
        }
        if let value = org["currency"] {
            if let code = value as? String, let currency = Currency(code: code) {
                settings.currency = currency
            } else {
                problems.append("org.currency must be a three-letter currency code such as “GBP”, not \(value)")
            }
        }
        if let value = org["week_starts_on"] {
            if let day = value as? String, let start = WeekStart(rawValue: day.lowercased()) {
                settings.weekStart = start
            } else {
                problems.append("org.week_starts_on must be “monday” or “sunday”, not \(value)")
            }
        }
        return settings
    }

    /// "127.0.0.1:8080" → ("127.0.0.1", 8080).
    static func hostAndPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        return (String(text[..<colon]), port)
    }

    /// The org with this file's settings applied over it.
    func applied(to org: Org) -> Org { Self.applied(self.org, to: org) }
}

/// Everything wrong with a configuration file, listed at once. Exit status 2.
struct ConfigError: Error, CustomStringConvertible {
    let path: String
    let problems: [String]

    var description: String {
        "The configuration file \(path) has \(problems.count == 1 ? "a problem" : "\(problems.count) problems"):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
