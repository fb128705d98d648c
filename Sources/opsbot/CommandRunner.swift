import Foundation
import OpsChat
import OpsCore
import OpsNetwork

/// Runs one parsed command and returns the process exit status.
struct CommandRunner {
    static let version = "0.1.0"

    let options: GlobalOptions
    let environment: [String: String]
    var output: (String) -> Void = { print($0) }

    /// A command that ran but could not do its job (missing database, unknown member). Exit status 1.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run(_ command: Command) async throws -> Int32 {
        switch command {
        case .run:
            let config = try Config.load(path: options.config ?? environment["OPSBOT_CONFIG"])
            let path = options.database ?? environment["OPSBOT_DB"] ?? config.database ?? "opsbot.sqlite"
            return try await BotRunner(
                config: config, databasePath: path, environment: environment,
                logger: Logger(label: "opsbot", sink: StandardErrorLogSink())
            ).run()
        case .checkAlerts:
            return try await checkAlerts()
        case .help:
            output(CommandLineParser.usage)
        case .version:
            output(
                "opsbot \(Self.version) (schema \(Schema.currentVersion), SQLite \(Store.sqliteVersion), "
                    + "\(Libcurl.version.split(separator: " ").first ?? "libcurl"))")
        case .migrate:
            let (path, _, org, _) = try open(mustExist: false)
            output("\(path): schema version \(Schema.currentVersion), shop “\(org.name)”.")
        case .backup(let file):
            let (path, store, _, _) = try open(mustExist: true)
            guard !FileManager.default.fileExists(atPath: file) else {
                throw Failure(description: "\(file) already exists; choose a new file name for the backup.")
            }
            try store.backup(to: file)
            output("Backed up \(path) to \(file).")
        case .ask(let message):
            let (_, store, org, config) = try open(mustExist: true)
            try store.readMapped()
            let member = try LocalOperator.member(store: store, org: org, actAs: options.actAs)
            let console = try consoleTransport(
                store: store, member: member, clock: clock(), prompt: nil,
                alertRecipients: alertRecipients(config, store: store, org: org))
            output(console.reply(to: message))
        case .report(let period):
            let (_, store, org, config) = try open(mustExist: true)
            let member = try LocalOperator.member(store: store, org: org, actAs: options.actAs)
            let conversation = Conversation(
                store: store, clock: try clock(), alertRecipients: try alertRecipients(config, store: store, org: org))
            // The words a person would type ("report last month"): the same periods as in chat.
            let reply = conversation.handle(
                ChatMessage(
                    transport: member.transport, chat: ChatMessage.Chat(id: "local", kind: .privateChat),
                    sender: ChatMessage.Sender(
                        userKey: member.userKey, displayName: member.name, handle: member.handle),
                    text: "report " + period.replacingOccurrences(of: "-", with: " ")))
            guard let file = reply.attachments.first else {
                throw UsageError(
                    description:
                        "--period “\(period)” is not a period I know: last-month (the default), this-month, last-week, "
                        + "this-week, last-30-days …")
            }
            let path = options.out ?? file.fileName
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            output("Report written to \(path) (\(file.bytes.count / 1024) KB)")
        case .importFile(let kind, let file, let strict):
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw Failure(description: "Cannot read \(file): no such file, or no permission to read it.")
            }
            let (_, store, org, config) = try open(mustExist: false)
            let member = try LocalOperator.member(store: store, org: org, actAs: options.actAs)
            let now = try clock().now
            let recipients = try alertRecipients(config, store: store, org: org)
            let report = try Importer(store: store, org: org).importFile(
                path: file,
                options: .init(kind: kind, strict: strict, memberID: member.id, now: now, alertRecipients: recipients))
            var reply = ImportReportText(calendar: org.calendar, now: now, currency: org.currency).reply(report)
            if let errors = reply.attachments.first {
                let path = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(
                    errors.fileName
                ).path
                try Data(errors.bytes).write(to: URL(fileURLWithPath: path))
                reply.attachments = []
                reply.blocks.append(.text("Rejected rows written to \(path)"))
            }
            output(ConsoleRenderer.render(reply))
            if case .rejected = report.status { return 1 }
        case .console:
            let (_, store, org, config) = try open(mustExist: false)
            let member = try LocalOperator.member(store: store, org: org, actAs: options.actAs)
            try chat(
                store: store, org: org, member: member, clock: clock(),
                alertRecipients: alertRecipients(config, store: store, org: org))
        case .demo(let seed, let today):
            let (path, store, org, config) = try open(mustExist: false)
            let now = try demoNow(today: today, org: org)
            let started = Date()
            let summary = try DemoShop(seed: seed, now: now).generate(into: store, org: org)
            let shop = try store.org(id: org.id)
            // The nightly check, run once now, so "alerts" has something to show.
            let recipients = try alertRecipients(config, store: store, org: shop)
            let alerts = try AlertEngine(store: store, org: shop, recipients: recipients).evaluate(now: now)
            let seconds = Date().timeIntervalSince(started)
            output(
                "\(summary.replacedEarlierDemo ? "Rebuilt" : "Created") the demo shop “\(shop.name)” in \(path): "
                    + "\(NumberText.grouped(summary.products)) products, "
                    + "\(NumberText.grouped(summary.salesLines)) sales lines over \(summary.days) days, "
                    + "\(summary.lowStock) products low on stock, \(summary.shifts) shifts, "
                    + "\(alerts.opened.count) open alerts (\(String(format: "%.1f", seconds)) s).")
            let member = try LocalOperator.member(store: store, org: shop, actAs: options.actAs)
            // A demo pinned to another day answers as of that day, so "sales today" means the demo's today.
            let demoClock: any WallClock = today == nil && options.now == nil ? SystemClock() : FixedClock(now)
            try chat(store: store, org: shop, member: member, clock: demoClock, alertRecipients: recipients)
        }
        return 0
    }

    /// Opens the database named by `--db`, `$OPSBOT_DB`, the config file, or ./opsbot.sqlite, in that order;
    /// makes sure it has an org, with the config file's org settings applied.
    private func open(mustExist: Bool) throws -> (String, Store, Org, Config) {
        let config = try Config.load(path: options.config ?? environment["OPSBOT_CONFIG"])
        let path = options.database ?? environment["OPSBOT_DB"] ?? config.database ?? "opsbot.sqlite"
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw Failure(
                description: """
                    No database at \(path).
                    Create one with a demo shop:  opsbot demo --db \(path)
                    or an empty one:              opsbot migrate --db \(path)
                    """)
        }
        let store = try Store(path: path)
        var org = try store.ensureOrg()
        let configured = config.applied(to: org)
        if configured != org {
            try store.updateOrg(configured)
            org = configured
        }
        return (path, store, org, config)
    }

    /// The configuration's alert rules applied to the shop, and its email and SMS recipients: every command
    /// that can open an alert (an import, a message such as "alert me when … below 5") evaluates with the same
    /// rules and routes as `opsbot run`, so its alerts are emailed and texted as configured.
    private func alertRecipients(_ config: Config, store: Store, org: Org) throws -> AlertRecipients {
        let unknown = try config.applyAlertRules(to: store, orgID: org.id, now: try clock().now)
        if !unknown.isEmpty {
            OpsBot.printError(
                "opsbot: alerts.low_stock.products_below names SKUs the shop does not have: "
                    + unknown.joined(separator: ", "))
        }
        return config.alertRecipients(environment: environment)
    }

    /// One evaluation and one delivery pass. Exit 1 when a delivery failed for good, so cron reports it.
    private func checkAlerts() async throws -> Int32 {
        let (path, store, org, config) = try open(mustExist: true)
        let wiring = DeliveryWiring(config: config, environment: environment)
        // Every shop the database holds (a host may serve several), each with the configured rules.
        var evaluation = AlertEvaluation()
        var services: [ConversationService] = []
        var open = 0
        for shop in try store.orgs() {
            let recipients = try alertRecipients(config, store: store, org: shop)
            let service = try ConversationService(
                databasePath: path, orgID: shop.id, clock: try clock(), alertRecipients: recipients)
            if let shopEvaluation = try await service.evaluateAlerts(now: try clock().now) {
                evaluation.opened += shopEvaluation.opened
                evaluation.reminded += shopEvaluation.reminded
                evaluation.resolved += shopEvaluation.resolved
            }
            _ = try await service.remindOverdueTasks(now: try clock().now)
            open += try store.unresolvedAlerts(orgID: shop.id).count
            services.append(service)
        }
        var delivery = OutboxDispatcher.Options()
        delivery.logger = Logger(label: "delivery", sink: StandardErrorLogSink())
        let service = try services.first ?? ConversationService(databasePath: path, orgID: org.id, clock: try clock())
        let summary = await OutboxDispatcher(service: service, channels: wiring.channels(), options: delivery).runOnce()
        output(
            "Alerts: \(evaluation.opened.count) opened, \(evaluation.reminded.count) reminded, "
                + "\(evaluation.resolved.count) cleared; \(open) open.")
        var line = "Deliveries: \(summary.sent) sent, \(summary.retrying) to retry, \(summary.failed) failed"
        if summary.skipped > 0 { line += ", \(summary.skipped) no longer needed" }
        if summary.waiting > 0 {
            line += ", \(summary.waiting) waiting for a chat transport (opsbot run, or set its token)"
        }
        output(line + ".")
        for shop in try store.orgs() {
            if let notice = try store.unroutedAlertsNotice(orgID: shop.id) { output(notice) }
        }
        return summary.failed > 0 ? 1 : 0
    }

    private func chat(
        store: Store, org: Org, member: Member, clock: any WallClock, alertRecipients: AlertRecipients
    ) throws {
        let interactive = isatty(STDIN_FILENO) == 1
        if interactive {
            output(
                "Chatting with OpsBot for \(org.name) as \(member.name). Try “stock low?”, “sales yesterday” or"
                    + " “help”; Ctrl-D to leave.")
        }
        try consoleTransport(
            store: store, member: member, clock: clock, prompt: interactive ? "> " : nil,
            alertRecipients: alertRecipients
        ).run()
    }

    private func consoleTransport(
        store: Store, member: Member, clock: any WallClock, prompt: String?, alertRecipients: AlertRecipients
    ) throws -> ConsoleTransport {
        let console = ConsoleTransport(
            conversation: Conversation(store: store, clock: clock, alertRecipients: alertRecipients),
            sender: ChatMessage.Sender(userKey: member.userKey, displayName: member.name, handle: member.handle),
            senderTransport: member.transport, prompt: prompt, write: output)
        console.attachmentsFolder = options.out
        return console
    }

    /// The real clock, or the fixed time of `--now`.
    private func clock() throws -> any WallClock {
        guard let text = options.now else { return SystemClock() }
        guard let date = Self.parseTime(text) else {
            throw UsageError(description: "--now takes an ISO 8601 time such as 2026-11-25T14:00:00Z, not “\(text)”.")
        }
        return FixedClock(date)
    }

    /// The demo's "now": `--now`, else 15:00 on `--today` in the shop's time zone, else the present.
    private func demoNow(today: String?, org: Org) throws -> Date {
        if options.now != nil { return try clock().now }
        guard let today else { return Date() }
        guard today.count == 10, let day = org.calendar.date(dayKey: today), org.calendar.dayKey(day) == today else {
            throw UsageError(description: "--today takes a date as YYYY-MM-DD, such as 2026-11-25, not “\(today)”.")
        }
        return day.addingTimeInterval(15 * 3600)
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
