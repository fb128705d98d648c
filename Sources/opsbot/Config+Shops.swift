import Foundation
import OpsCore

/// The `shops` section: one host serving several shops from one database, each with its own bot.
///
/// ```json
/// "shops": [ { "key": "corner-cafe", "org": { "name": "Corner Café" }, "telegram": { "token_env": "CAFE_BOT_TOKEN" } },
///            { "key": "bakery", "org": { "name": "The Bakery" }, "telegram": { "token_env": "BAKERY_BOT_TOKEN" } } ]
/// ```
/// The first shop is the database's first org (so a single shop grows into several without a move) and its
/// bot's chats are stored as "telegram"; each further shop's as "telegram:<key>", so two bots' members, chats
/// and offsets never meet. Email, SMS, schedule and alert rules are the file's, for every shop.
extension Config {
    struct Shop: Equatable {
        var key: String
        var org: OrgSettings?
        var telegramTokenEnv: String
        var telegramAPIURL: String?

        /// The transport name its bot's data is stored under (see the section's comment).
        func transportName(isFirst: Bool) -> String { isFirst ? "telegram" : "telegram:\(key)" }
    }

    static func parseShops(_ value: Any, problems: inout [String]) -> [Shop] {
        guard let list = value as? [[String: Any]], !list.isEmpty else {
            problems.append("shops must be a list of objects, each with a key, an org and a telegram token_env")
            return []
        }
        var shops: [Shop] = []
        for (index, section) in list.enumerated() {
            let place = "shops[\(index)]"
            for key in section.keys.sorted() where !["key", "org", "telegram"].contains(key) {
                problems.append("\(place): unknown setting “\(key)” (known: key, org, telegram)")
            }
            guard let key = section["key"] as? String, !key.isEmpty, key.count <= 40,
                key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            else {
                problems.append("\(place).key must be a short name of lowercase letters, digits and dashes (“bakery”)")
                continue
            }
            guard !shops.contains(where: { $0.key == key }) else {
                problems.append("\(place).key “\(key)” is used twice")
                continue
            }
            var org: OrgSettings?
            if let orgSection = section["org"] {
                if let object = orgSection as? [String: Any] {
                    var orgProblems: [String] = []
                    org = parseOrg(object, problems: &orgProblems)
                    problems += orgProblems.map { "\(place).\($0)" }
                } else {
                    problems.append("\(place).org must be an object")
                }
            }
            guard let telegram = section["telegram"] as? [String: Any], let tokenEnv = telegram["token_env"] as? String,
                !tokenEnv.isEmpty
            else {
                problems.append(
                    "\(place).telegram.token_env must name the environment variable holding its bot's token")
                continue
            }
            let apiURL = telegram["api_url"] as? String
            if let apiURL, !(apiURL.hasPrefix("http://") || apiURL.hasPrefix("https://")) {
                problems.append("\(place).telegram.api_url must be an http(s) URL, not \(apiURL)")
            }
            shops.append(Shop(key: key, org: org, telegramTokenEnv: tokenEnv, telegramAPIURL: apiURL))
        }
        if Set(shops.map(\.telegramTokenEnv)).count < shops.count {
            problems.append("shops: two shops name the same token_env; each shop needs its own bot")
        }
        return shops
    }

    /// `settings` applied over `org`.
    static func applied(_ settings: OrgSettings?, to org: Org) -> Org {
        guard let settings else { return org }
        var org = org
        if let name = settings.name { org.name = name }
        if let zone = settings.timeZone { org.timeZone = zone }
        if let currency = settings.currency { org.currency = currency }
        if let weekStart = settings.weekStart { org.weekStart = weekStart }
        return org
    }
}
