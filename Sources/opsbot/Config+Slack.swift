import Foundation
import OpsNetwork

/// The `slack` section: the variables holding the bot token (`xoxb-…`) and the app-level token (`xapp-…`, for
/// Socket Mode), and the Web API's base URL.
extension Config {
    struct SlackSettings: Equatable {
        var tokenEnv = "SLACK_BOT_TOKEN"
        var appTokenEnv = "SLACK_APP_TOKEN"
        var signingSecretEnv = "SLACK_SIGNING_SECRET"
        var apiURL = "https://slack.com/api"
    }

    static func parseSlack(_ root: [String: Any], into config: inout Config, problems: inout [String]) {
        guard let section = root["slack"] else { return }
        guard let slack = section as? [String: Any] else {
            problems.append("slack must be an object")
            return
        }
        var settings = SlackSettings()
        for key in slack.keys.sorted()
        where !["token_env", "app_token_env", "signing_secret_env", "api_url"].contains(key) {
            problems.append(
                "slack: unknown setting “\(key)” (known: api_url, app_token_env, signing_secret_env, token_env)")
        }
        func name(_ key: String) -> String? {
            guard let value = slack[key] else { return nil }
            guard let text = value as? String, !text.isEmpty else {
                problems.append("slack.\(key) must name an environment variable")
                return nil
            }
            return text
        }
        settings.tokenEnv = name("token_env") ?? settings.tokenEnv
        settings.appTokenEnv = name("app_token_env") ?? settings.appTokenEnv
        settings.signingSecretEnv = name("signing_secret_env") ?? settings.signingSecretEnv
        if let url = slack["api_url"] {
            if let text = url as? String, text.hasPrefix("http://") || text.hasPrefix("https://") {
                settings.apiURL = text
            } else {
                problems.append("slack.api_url must be an http(s) URL, not \(url)")
            }
        }
        config.slack = settings
    }

    /// How `opsbot run` reaches Slack, from the environment: the bot token (`xoxb-…`) with the app-level token
    /// (`xapp-…`) runs Socket Mode; with the signing secret instead, events come to the Events URL
    /// (`/slack/events`, `/slack/interactivity`, `/slack/commands` on the HTTP server); with both, Socket Mode,
    /// and the Events URL accepts what is signed. The warning to log when a piece is missing.
    struct SlackSetup {
        var api: SlackAPI?
        var signature: SlackSignature?
        var warning: String?
    }

    func slackSetup(environment: [String: String], client: any HTTPClient) -> SlackSetup {
        let settings = slack ?? SlackSettings()
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let bot = value(settings.tokenEnv)
        let app = value(settings.appTokenEnv)
        // Slack's secret rotation: the previous secret stays good for a day beside the new one.
        let secrets = [value(settings.signingSecretEnv), value(settings.signingSecretEnv + "_PREVIOUS")].compactMap {
            $0
        }
        let signature = secrets.isEmpty ? nil : SlackSignature(secrets: secrets)
        let url = environment["SLACK_API_URL"] ?? settings.apiURL
        guard let bot else {
            if app != nil || signature != nil {
                return SlackSetup(
                    warning:
                        "\(settings.appTokenEnv) or \(settings.signingSecretEnv) is set but \(settings.tokenEnv) is not: Slack is off"
                )
            }
            return SlackSetup(
                warning: slack == nil
                    ? nil : "slack is configured but \(settings.tokenEnv) is not set (nor \(settings.appTokenEnv))")
        }
        guard app != nil || signature != nil else {
            return SlackSetup(
                warning:
                    "\(settings.tokenEnv) is set but \(settings.appTokenEnv) is not: Socket Mode needs the app-level "
                    + "token (connections:write), or set \(settings.signingSecretEnv) to take events at the Events URL; "
                    + "Slack is off")
        }
        return SlackSetup(
            api: SlackAPI(baseURL: url, botToken: bot, appToken: app, http: ConnectorHTTP(client: client)),
            signature: signature)
    }
}
