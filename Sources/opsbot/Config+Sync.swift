import Foundation
import OpsCore
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

        struct Sheets: Equatable {
            var spreadsheet = ""
            var range = ""
            var kind: ImportKind?
            var keyFile: String?
            var apiKeyEnv: String?
            var apiURL = "https://sheets.googleapis.com"
            var minutes = 15.0
        }

        var square: Square?
        var shopify: Shopify?
        var sheets: Sheets?
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
        if let section = root["sheets"] {
            guard let sheets = section as? [String: Any] else {
                problems.append("sheets must be an object")
                return
            }
            var settings = SyncSettings.Sheets()
            check(
                sheets, "sheets",
                known: [
                    "spreadsheet", "range", "kind", "service_account_key_file", "api_key_env", "api_url",
                    "sync_minutes",
                ], problems: &problems)
            settings.spreadsheet = text(sheets, "sheets", "spreadsheet", problems: &problems) ?? ""
            settings.range = text(sheets, "sheets", "range", problems: &problems) ?? ""
            if settings.spreadsheet.isEmpty || settings.range.isEmpty {
                problems.append("sheets needs a spreadsheet (the id in its link) and a range, such as Stock!A1:F500")
            }
            if let kind = text(sheets, "sheets", "kind", problems: &problems) {
                if let value = ImportKind(rawValue: kind.lowercased()) {
                    settings.kind = value
                } else {
                    problems.append("sheets.kind must be inventory, sales, products or shifts, not \(kind)")
                }
            }
            settings.keyFile = text(sheets, "sheets", "service_account_key_file", problems: &problems)
            settings.apiKeyEnv = text(sheets, "sheets", "api_key_env", problems: &problems)
            if settings.keyFile == nil && settings.apiKeyEnv == nil {
                problems.append("sheets needs service_account_key_file (a JSON key) or api_key_env")
            }
            settings.apiURL = url(sheets, "sheets", "api_url", problems: &problems) ?? settings.apiURL
            settings.minutes = minutes(sheets, "sheets", problems: &problems) ?? settings.minutes
            config.sync.sheets = settings
        }
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
        if let sheets = sync.sheets {
            var credentials: SheetsConnector.Credentials?
            if let file = sheets.keyFile {
                credentials = .serviceAccount(keyFile: file)
            } else if let name = sheets.apiKeyEnv {
                if let key = environment[name], !key.isEmpty {
                    credentials = .apiKey(key)
                } else {
                    warnings.append("sheets names \(name) for its API key, but it is not set: the sheet is not read")
                }
            }
            if let credentials {
                connectors.append(
                    SheetsConnector(
                        options: .init(
                            baseURL: sheets.apiURL, spreadsheet: sheets.spreadsheet, range: sheets.range,
                            kind: sheets.kind, credentials: credentials, interval: sheets.minutes * 60),
                        http: http))
            }
        }
        return (connectors, warnings)
    }
}
