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
            To add Slack: create the app from Config/slack-app-manifest.json (see the README), then
              export SLACK_BOT_TOKEN=xoxb-… SLACK_APP_TOKEN=xapp-…
              opsbot run
            """
        }
    }

    /// One shop as `run` serves it: its service (on the shop's org), its Telegram bot (none for a shop only on
    /// Slack) and its alert job.
    struct RunningShop {
        let bot: DeliveryWiring.Bot?
        let service: ConversationService
        let job: ScheduledJob
        let dailySummary: ScheduledJob
        let weeklyInsights: ScheduledJob
    }

    func run() async throws -> Int32 {
        let wiring = DeliveryWiring(config: config, environment: environment)
        let bots = wiring.bots
        let slack = config.slackSetup(environment: environment, client: CurlHTTPClient())
        if let warning = slack.warning { logger.log(.warning, "run.slack", fields: [("detail", warning)]) }
        guard !bots.isEmpty || slack.api != nil else {
            throw NoTransport(tokenEnv: config.shops.first?.telegramTokenEnv ?? config.telegramTokenEnv)
        }
        let signals = await SignalWatcher.start()
        var shops: [RunningShop] = []
        for bot in bots {
            shops.append(try await open(bot, wiring: wiring))
        }
        // A shop only on Slack: its org without a Telegram bot.
        if shops.isEmpty { shops.append(try await open(nil, wiring: wiring)) }
        var transports: [any ChatTransport] = shops.compactMap { shop in
            guard let bot = shop.bot else { return nil }
            var options = TelegramTransport.Options()
            options.name = bot.transportName
            options.logger = Logger(label: "telegram", sink: StandardErrorLogSink())
            return TelegramTransport(api: bot.api, service: shop.service, options: options)
        }
        // Slack beside Telegram, for the first shop; its events also come to the Events URL when it is signed for.
        var slackEvents: SlackEventsEndpoint?
        if let api = slack.api, let shop = shops.first {
            let transport = SlackTransport(api: api, service: shop.service)
            transports.append(transport)
            slackEvents = try slack.signature.map {
                try SlackEventsEndpoint(
                    signature: $0, transport: transport, databasePath: databasePath,
                    logger: Logger(label: "slack", sink: StandardErrorLogSink()))
            }
            logger.log(
                .info, "run.slack",
                fields: [
                    ("api", api.baseURL), ("mode", api.socketMode ? "socket" : "events"),
                    ("events_url", slackEvents == nil ? "off" : "/slack/events"),
                ])
        }
        let (host, port) = Config.hostAndPort(config.httpListen ?? "127.0.0.1:8080") ?? ("127.0.0.1", 8080)
        // The bot runs without its health endpoint rather than not at all: another program on the port is no
        // reason to leave the shop's chat unanswered.
        let health: HTTPServer?
        do {
            health = try HTTPServer(host: host, port: port) { [slackEvents] request in
                if let answer = slackEvents?.respond(to: request) { return answer }
                return request.path == "/healthz" ? .json(#"{"status":"ok"}"#) : .text("not found", status: 404)
            }
        } catch {
            health = nil
            logger.log(
                .warning, "run.health_off",
                fields: [
                    ("http.listen", "\(host):\(port)"), ("error", "\(error)"),
                    (
                        "detail",
                        "the health endpoint is off: \(host):\(port) cannot be listened on (another program has it?); "
                            + "set http.listen in the config file to another port, such as 127.0.0.1:8081"
                    ),
                ])
        }
        defer { health?.stop() }
        logger.log(
            .info, "run.start",
            fields: [
                ("db", databasePath), ("telegram.api", bots.first?.api.baseURL ?? "off"),
                ("http.listen", health.map { "\(host):\($0.port)" } ?? "off"),
            ]
                + (shops.count > 1 ? [("shops", String(shops.count))] : []))
        // One delivery loop for every shop: outbox items carry their org and transport.
        let dispatcher = OutboxDispatcher(service: shops[0].service, channels: wiring.channels(slack: slack.api))
        let schedulers = shops.map { shop in
            AlertScheduler(
                service: shop.service, job: shop.job, logger: Logger(label: "scheduler", sink: StandardErrorLogSink()))
        }
        let syncScheduler = syncScheduler(for: shops)
        let stop = StopSignal()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for scheduler in schedulers { group.addTask { await scheduler.run(until: stop) } }
            for shop in shops {
                let briefings = BriefingScheduler(
                    service: shop.service, daily: shop.dailySummary, weekly: shop.weeklyInsights,
                    logger: Logger(label: "briefing", sink: StandardErrorLogSink()))
                group.addTask { await briefings.run(until: stop) }
            }
            if let syncScheduler { group.addTask { await syncScheduler.run(until: stop) } }
            group.addTask { await dispatcher.run(until: stop) }
            // Once started (the first polls and evaluations done), the pages only starting needed go back.
            group.addTask {
                await stop.sleep(30)
                guard !stop.isRaised else { return }
                // Logged before, not after: the logging code would be paged back in to say so.
                let pages = StartupPages()
                self.logger.info(
                    "run.startup_pages", ["mappings": String(pages.ranges.count), "mb": String(pages.bytes >> 20)])
                pages.release()
                // A task that ends stops the others (see below): this one waits for the stop too.
                await stop.wait()
            }
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

    /// Square and Shopify, read for the first shop (a host serving several shops connects none yet, and says so).
    private func syncScheduler(for shops: [RunningShop]) -> SyncScheduler? {
        let (connectors, warnings) = config.connectors(environment: environment, client: CurlHTTPClient())
        for warning in warnings { logger.log(.warning, "run.sync", fields: [("detail", warning)]) }
        guard !connectors.isEmpty, let shop = shops.first else { return nil }
        if shops.count > 1 {
            logger.log(
                .warning, "run.sync",
                fields: [("detail", "several shops: the square and shopify sections are read for the first only")])
        }
        logger.log(.info, "run.sync", fields: [("sources", connectors.map(\.source).joined(separator: ","))])
        return SyncScheduler(
            service: shop.service, connectors: connectors, logger: Logger(label: "sync", sink: StandardErrorLogSink()))
    }

    /// Opens one shop: its org (a configured shop's found by its key), the configuration's org settings and alert
    /// rules applied, its setup code printed while nobody owns it in chat.
    private func open(_ bot: DeliveryWiring.Bot?, wiring: DeliveryWiring) async throws -> RunningShop {
        let first = bot.map { $0.transportName == TelegramTransport.name } ?? true
        let orgID: Int64 = try {
            let store = try Store(path: databasePath)
            let org = try bot?.shop.map { try store.shopOrg(key: $0.key, first: first) } ?? store.ensureOrg()
            let configured = Config.applied(bot?.shop?.org ?? config.org, to: org)
            if configured != org { try store.updateOrg(configured) }
            return org.id
        }()
        let service = try ConversationService(
            databasePath: databasePath, orgID: orgID, alertRecipients: config.alertRecipients(environment: environment))
        // Named in the log lines only where a host serves several shops.
        let shop = bot?.shop.map { [("shop", $0.key)] } ?? []
        let (timeZone, unknownSKUs) = try await service.withStore { store in
            (try store.org(id: orgID).timeZone, try config.applyAlertRules(to: store, orgID: orgID, now: Date()))
        }
        if !unknownSKUs.isEmpty {
            logger.log(
                .warning, "run.config",
                fields: shop + [
                    ("detail", "alerts.low_stock.products_below names SKUs the shop does not have"),
                    ("skus", unknownSKUs.joined(separator: ",")),
                ])
        }
        if let code = try await service.setupCode() {
            // The one time a secret is printed: it is how the shop's first owner proves they run this bot.
            logger.log(
                .info, "run.setup",
                fields: [("code", code)] + shop + [
                    (
                        "detail",
                        bot == nil
                            ? "nobody owns this shop in chat yet: send “join \(code)” to the bot in a direct message in Slack (or “/opsbot join \(code)”) to become its owner"
                            : "nobody owns this shop in chat yet: send “/start \(code)” to the bot in a private chat to become its owner"
                    )
                ])
        }
        if let notice = try await service.unroutedAlertsNotice() {
            logger.log(.warning, "run.alerts_unrouted", fields: shop + [("detail", notice)])
        }
        let job = try wiring.alertJob(timeZone: timeZone, shop: bot?.shop, first: first)
        let daily = try wiring.dailySummaryJob(timeZone: timeZone, shop: bot?.shop, first: first)
        let weekly = try wiring.weeklyInsightsJob(timeZone: timeZone, shop: bot?.shop, first: first)
        return RunningShop(bot: bot, service: service, job: job, dailySummary: daily, weeklyInsights: weekly)
    }
}
