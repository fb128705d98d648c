import Foundation
import OpsChat
import OpsCore
import OpsNetwork

/// `opsbot run`: the Telegram poller, the alert scheduler, the delivery loop, the health endpoint and signal
/// handling, as one task group.
/// The first SIGINT/SIGTERM stops the loops: the update in flight is finished (its reply sent, waiting for the
/// chat's rate limit if need be) and its offset stored, the long poll is aborted, the health server closes, and
/// the process exits 0. A second signal exits at once.
struct BotRunner {
    let config: Config
    let databasePath: String
    let environment: [String: String]
    let logger: Logger

    struct NoTransport: Error, CustomStringConvertible {
        let tokenEnv: String
        var description: String {
            """
            No chat transport is configured, so there is nothing to run.
            To add Telegram: create a bot with @BotFather in Telegram (/newbot), then
              export \(tokenEnv)=<the token it gives you>
              opsbot run
            """
        }
    }

    func run() async throws -> Int32 {
        let wiring = DeliveryWiring(config: config, environment: environment)
        guard let api = wiring.telegramAPI else { throw NoTransport(tokenEnv: config.telegramTokenEnv) }
        let signals = await SignalWatcher.start()
        let service = try ConversationService(
            databasePath: databasePath, alertRecipients: config.alertRecipients(environment: environment))
        let (timeZone, unknownSKUs) = try await service.withStore { store in
            let org = try store.ensureOrg()
            return (org.timeZone, try config.applyAlertRules(to: store, orgID: org.id, now: Date()))
        }
        if !unknownSKUs.isEmpty {
            logger.warning(
                "run.config",
                [
                    "detail": "alerts.low_stock.products_below names SKUs the shop does not have",
                    "skus": unknownSKUs.joined(separator: ","),
                ])
        }
        let job = try wiring.alertJob(timeZone: timeZone)
        if let code = try await service.setupCode() {
            // The one time a secret is printed: it is how the shop's first owner proves they run this bot.
            logger.info(
                "run.setup",
                [
                    "code": code,
                    "detail":
                        "nobody owns this shop in chat yet: send “/start \(code)” to the bot in a private chat to become its owner",
                ])
        }
        if let notice = try await service.unroutedAlertsNotice() {
            logger.warning("run.alerts_unrouted", ["detail": notice])
        }
        let (host, port) = Config.hostAndPort(config.httpListen ?? "127.0.0.1:8080") ?? ("127.0.0.1", 8080)
        let health = try HTTPServer(host: host, port: port) { request in
            request.path == "/healthz" ? .json(#"{"status":"ok"}"#) : .text("not found", status: 404)
        }
        defer { health.stop() }
        logger.info(
            "run.start", ["db": databasePath, "telegram.api": api.baseURL, "http.listen": "\(host):\(health.port)"])
        var options = TelegramTransport.Options()
        options.logger = Logger(label: "telegram", sink: StandardErrorLogSink())
        let transports: [any ChatTransport] = [TelegramTransport(api: api, service: service, options: options)]
        let dispatcher = OutboxDispatcher(service: service, channels: wiring.channels())
        let scheduler = AlertScheduler(
            service: service, job: job, logger: Logger(label: "scheduler", sink: StandardErrorLogSink()))
        let stop = StopSignal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await scheduler.run(until: stop) }
            group.addTask { await dispatcher.run(until: stop) }
            for transport in transports { group.addTask { try await transport.run(until: stop) } }
            group.addTask {
                guard let number = await signals.first(orUntil: stop) else { return }
                self.logger.info(
                    "run.signal", ["signal": String(number), "detail": "stopping: finishing the update in flight"])
                stop.raise()
            }
            // A signal raises `stop`, and every loop returns on its own once the work in flight is done: cancelling
            // them would cut short the replies still waiting for a chat's rate limit (their updates then counted as
            // answered). Only a loop that fails for good cancels the rest.
            do {
                while let _ = try await group.next() { stop.raise() }
            } catch {
                stop.raise()
                group.cancelAll()
                throw error
            }
        }
        logger.info("run.stop")
        return 0
    }
}
