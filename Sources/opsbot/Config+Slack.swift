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

    /// The Slack API when both tokens are in the environment (Socket Mode needs the app-level one); the
    /// warning to log when only one is.
    func slackAPI(environment: [String: String], client: any HTTPClient) -> (api: SlackAPI?, warning: String?) {
        let settings = slack ?? SlackSettings()
        let bot = environment[settings.tokenEnv].flatMap { $0.isEmpty ? nil : $0 }
        let app = environment[settings.appTokenEnv].flatMap { $0.isEmpty ? nil : $0 }
        let url = environment["SLACK_API_URL"] ?? settings.apiURL
        switch (bot, app) {
        case (let bot?, let app?):
            return (SlackAPI(baseURL: url, botToken: bot, appToken: app, http: ConnectorHTTP(client: client)), nil)
        case (nil, nil):
            return (
                nil,
                slack == nil
                    ? nil : "slack is configured but \(settings.tokenEnv) and \(settings.appTokenEnv) are not set"
            )
        case (nil, _):
            return (nil, "\(settings.appTokenEnv) is set but \(settings.tokenEnv) is not: Slack is off")
        case (_, nil):
            return (
                nil,
                "\(settings.tokenEnv) is set but \(settings.appTokenEnv) is not: Socket Mode needs the app-level token "
                    + "(connections:write); Slack is off"
            )
        }
    }
}
