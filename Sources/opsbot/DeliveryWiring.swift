import Foundation
import OpsCore
import OpsNetwork

/// Builds the delivery channels from the configuration and the environment (where the secrets are).
struct DeliveryWiring {
    let config: Config
    let environment: [String: String]

    var telegramToken: String? { environment[config.telegramTokenEnv].flatMap { $0.isEmpty ? nil : $0 } }

    var telegramAPI: TelegramAPI? {
        telegramToken.map { token in
            TelegramAPI(
                baseURL: environment["TELEGRAM_API_URL"] ?? config.telegramAPIURL ?? "https://api.telegram.org",
                token: token,
                client: CurlHTTPClient())
        }
    }

    /// Every secret the environment gives the bot, to be taken out of whatever a provider answers.
    var secrets: [String] {
        var names = [config.telegramTokenEnv]
        if let email = config.email { names.append(email.passwordEnv) }
        if let sms = config.sms { names.append(sms.authTokenEnv) }
        return names.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }

    func channels() -> OutboxDispatcher.Channels {
        var channels = OutboxDispatcher.Channels(redactor: AnswerRedactor(secrets: secrets))
        if let api = telegramAPI { channels.chat[TelegramTransport.name] = TelegramChatDeliverer(api: api) }
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

    /// The nightly evaluation job, in the org's time zone.
    func alertJob(timeZone: TimeZone) throws -> ScheduledJob {
        let schedule = try config.schedule["alerts"] ?? CronExpression(Config.defaultAlertSchedule)
        return ScheduledJob(name: "alerts", schedule: schedule, timeZone: timeZone)
    }
}
