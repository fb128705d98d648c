import Foundation
import OpsCore
import OpsNetwork

/// Builds the delivery channels from the configuration and the environment (where the secrets are).
struct DeliveryWiring {
    let config: Config
    let environment: [String: String]

    /// One shop's bot: the shop's key (nil for a single shop), what its data is stored under, and its API.
    struct Bot {
        let shop: Config.Shop?
        let transportName: String
        let api: TelegramAPI
    }

    var telegramToken: String? { token(config.telegramTokenEnv) }

    var telegramAPI: TelegramAPI? { telegramToken.map { api(token: $0, url: config.telegramAPIURL) } }

    /// The bots to run: one per configured shop whose token is set, or the single shop's. The first shop's bot
    /// is stored as "telegram" even when its token is missing, so the others' names do not shift.
    var bots: [Bot] {
        guard !config.shops.isEmpty else {
            return telegramAPI.map { [Bot(shop: nil, transportName: TelegramTransport.name, api: $0)] } ?? []
        }
        return config.shops.enumerated().compactMap { index, shop in
            token(shop.telegramTokenEnv).map { token in
                Bot(
                    shop: shop, transportName: shop.transportName(isFirst: index == 0),
                    api: api(token: token, url: shop.telegramAPIURL))
            }
        }
    }

    private func token(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }

    private func api(token: String, url: String?) -> TelegramAPI {
        TelegramAPI(
            baseURL: environment["TELEGRAM_API_URL"] ?? url ?? "https://api.telegram.org", token: token,
            client: CurlHTTPClient())
    }

    /// Every secret the environment gives the bot, to be taken out of whatever a provider answers.
    var secrets: [String] {
        var names = [config.telegramTokenEnv] + config.shops.map(\.telegramTokenEnv)
        if let email = config.email { names.append(email.passwordEnv) }
        if let sms = config.sms { names.append(sms.authTokenEnv) }
        let slack = config.slack ?? Config.SlackSettings()
        names += [slack.tokenEnv, slack.appTokenEnv, slack.signingSecretEnv, slack.signingSecretEnv + "_PREVIOUS"]
        return names.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }

    /// Every channel the outbox delivers to; `slack` is the transport's own API, so both pace one channel together.
    func channels(slack: SlackAPI? = nil) -> OutboxDispatcher.Channels {
        var channels = OutboxDispatcher.Channels(redactor: AnswerRedactor(secrets: secrets))
        for bot in bots { channels.chat[bot.transportName] = TelegramChatDeliverer(api: bot.api) }
        if let slack = slack ?? config.slackSetup(environment: environment, client: CurlHTTPClient()).api {
            channels.chat["slack"] = SlackChatDeliverer(api: slack)
        }
        if let email = config.email {
            channels.mailer = SMTPMailer(
                settings: .init(
                    url: email.smtpURL, username: email.username, password: environment[email.passwordEnv],
                    from: email.from,
                    requireTLS: email.requireTLS))
        }
        if let sms = config.sms, let token = environment[sms.authTokenEnv], !token.isEmpty {
            channels.sms = TwilioClient(
                settings: .init(
                    baseURL: environment["TWILIO_API_URL"] ?? sms.apiURL, accountSID: sms.accountSID,
                    authToken: token, from: sms.from),
                client: CurlHTTPClient())
        }
        return channels
    }

    /// The nightly evaluation job, in the org's time zone; each further shop's has its own last run.
    /// The morning summary: `schedule.daily_summary`, default 08:00 in the shop's zone.
    func dailySummaryJob(timeZone: TimeZone, shop: Config.Shop? = nil, first: Bool = true) throws -> ScheduledJob {
        let schedule = try config.schedule["daily_summary"] ?? CronExpression("0 8 * * *")
        return ScheduledJob(
            name: first ? "daily_summary" : "daily_summary.\(shop?.key ?? "")", schedule: schedule, timeZone: timeZone)
    }

    /// Last week's insights: `schedule.weekly_insights`, default Monday 08:00 in the shop's zone.
    func weeklyInsightsJob(timeZone: TimeZone, shop: Config.Shop? = nil, first: Bool = true) throws -> ScheduledJob {
        let schedule = try config.schedule["weekly_insights"] ?? CronExpression("0 8 * * 1")
        return ScheduledJob(
            name: first ? "weekly_insights" : "weekly_insights.\(shop?.key ?? "")", schedule: schedule,
            timeZone: timeZone)
    }

    func alertJob(timeZone: TimeZone, shop: Config.Shop? = nil, first: Bool = true) throws -> ScheduledJob {
        let schedule = try config.schedule["alerts"] ?? CronExpression(Config.defaultAlertSchedule)
        return ScheduledJob(
            name: first ? "alerts" : "alerts.\(shop?.key ?? "")", schedule: schedule, timeZone: timeZone)
    }
}
