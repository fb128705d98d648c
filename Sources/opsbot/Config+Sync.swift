import Foundation
import OpsNetwork

/// The connectors' sections: `square`, `shopify`, `sheets`. Tokens come from the environment variables they
/// name, never from the file.
extension Config {
    struct SyncSettings: Equatable {
        struct Square: Equatable {
            var tokenEnv = "SQUARE_ACCESS_TOKEN"
            var apiURL = "https://connect.squareup.com"
            var version = "2025-01-23"
            var minutes = 5.0
        }

        struct Shopify: Equatable {
            var shop = ""
            var tokenEnv = "SHOPIFY_ADMIN_TOKEN"
            var apiVersion = "2025-07"
            /// Default `https://<shop>`; a test points it at a loopback fake.
            var apiURL: String?
            var minutes = 5.0
        }

        var square: Square?
        var shopify: Shopify?
        /// The `sheets` section as written: accepted, not read yet (the connector is still to come).
        var sheets = false
    }

    static func parseSync(_ root: [String: Any], into config: inout Config, problems: inout [String]) {
        if let section = root["square"] {
            guard let square = section as? [String: Any] else {
                problems.append("square must be an object")
                return
            }
            var settings = SyncSettings.Square()
            check(square, "square", known: ["token_env", "api_url", "version", "sync_minutes"], problems: &problems)
            settings.tokenEnv = text(square, "square", "token_env", problems: &problems) ?? settings.tokenEnv
            settings.apiURL = url(square, "square", "api_url", problems: &problems) ?? settings.apiURL
            settings.version = text(square, "square", "version", problems: &problems) ?? settings.version
            settings.minutes = minutes(square, "square", problems: &problems) ?? settings.minutes
            config.sync.square = settings
        }
        if let section = root["shopify"] {
            guard let shopify = section as? [String: Any] else {
                problems.append("shopify must be an object")
                return
            }
            var settings = SyncSettings.Shopify()
            check(
                shopify, "shopify", known: ["shop", "token_env", "api_version", "api_url", "sync_minutes"],
                problems: &problems)
            if let shop = text(shopify, "shopify", "shop", problems: &problems) {
                settings.shop = shop
            } else {
                problems.append("shopify.shop must be the shop's domain, such as corner-cafe.myshopify.com")
            }
            settings.tokenEnv = text(shopify, "shopify", "token_env", problems: &problems) ?? settings.tokenEnv
            settings.apiVersion = text(shopify, "shopify", "api_version", problems: &problems) ?? settings.apiVersion
            settings.apiURL = url(shopify, "shopify", "api_url", problems: &problems)
            settings.minutes = minutes(shopify, "shopify", problems: &problems) ?? settings.minutes
            config.sync.shopify = settings
        }
        if root["sheets"] != nil { config.sync.sheets = true }
    }

    private static func check(_ section: [String: Any], _ name: String, known: Set<String>, problems: inout [String]) {
        for key in section.keys.sorted() where !known.contains(key) {
            problems.append("\(name): unknown setting “\(key)” (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    private static func text(_ section: [String: Any], _ name: String, _ key: String, problems: inout [String])
        -> String?
    {
        guard let value = section[key] else { return nil }
        guard let text = value as? String, !text.isEmpty else {
            problems.append("\(name).\(key) must be a non-empty string")
            return nil
        }
        return text
    }

    private static func url(_ section: [String: Any], _ name: String, _ key: String, problems: inout [String])
        -> String?
    {
        guard let text = text(section, name, key, problems: &problems) else { return nil }
        guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
            problems.append("\(name).\(key) must be an http(s) URL, not \(text)")
            return nil
        }
        return text
    }

    private static func minutes(_ section: [String: Any], _ name: String, problems: inout [String]) -> Double? {
        guard let value = section["sync_minutes"] else { return nil }
        guard let number = value as? Double, number >= 1, number <= 24 * 60 else {
            problems.append("\(name).sync_minutes must be a number of minutes from 1 to 1440")
            return nil
        }
        return number
    }

    /// The connectors to run, with what to warn about: a section whose token is missing from the environment
    /// is not started (and said so); the token itself is never logged.
    func connectors(environment: [String: String], client: any HTTPClient) -> (
        connectors: [any SyncConnector], warnings: [String]
    ) {
        var connectors: [any SyncConnector] = []
        var warnings: [String] = []
        let http = ConnectorHTTP(client: client)
        if let square = sync.square {
            if let token = environment[square.tokenEnv], !token.isEmpty {
                connectors.append(
                    SquareConnector(
                        options: .init(
                            baseURL: square.apiURL, token: token, version: square.version,
                            interval: square.minutes * 60),
                        http: http))
            } else {
                warnings.append("square is configured but \(square.tokenEnv) is not set: Square sync is off")
            }
        }
        if let shopify = sync.shopify {
            if let token = environment[shopify.tokenEnv], !token.isEmpty {
                connectors.append(
                    ShopifyConnector(
                        options: .init(
                            baseURL: shopify.apiURL ?? "https://\(shopify.shop)", token: token,
                            apiVersion: shopify.apiVersion, interval: shopify.minutes * 60),
                        http: http))
            } else {
                warnings.append("shopify is configured but \(shopify.tokenEnv) is not set: Shopify sync is off")
            }
        }
        if sync.sheets {
            warnings.append("sheets is configured, but reading a Google Sheet is not built yet: it is not read")
        }
        return (connectors, warnings)
    }
}
