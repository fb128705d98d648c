import Foundation
import OpsCore

/// The bot's side of a chat: a message in, a reply out, whatever the platform.
///
/// Finds the member behind the message, parses the intent and runs its handler against the store.
/// Not `Sendable`: it owns the store's connection; run it on one thread or serial executor.
public final class Conversation {
    private let store: Store
    private let clock: any WallClock
    private let alertRecipients: AlertRecipients
    private let logger: Logger
    /// The shop this conversation answers for; nil: the database's only shop (the console, the CLI).
    private let orgID: Int64?
    /// Each transport's identity (bot name, invite links), by transport name; set by the transports.
    private var identities: [String: TransportIdentity] = [:]
    private var catalog: (version: Store.CatalogVersion, parser: IntentParser, matcher: ProductMatcher)?

    /// `alertRecipients`: where email and SMS alerts go when a message leads to an evaluation (an import,
    /// a changed threshold). `logger` gets the details of every failure the chat sees only an id of.
    public init(
        store: Store, orgID: Int64? = nil, clock: any WallClock = SystemClock(),
        alertRecipients: AlertRecipients = AlertRecipients(),
        logger: Logger = Logger(label: "conversation", sink: StandardErrorLogSink())
    ) {
        self.orgID = orgID
        self.store = store
        self.clock = clock
        self.alertRecipients = alertRecipients
        self.logger = logger
    }

    /// The reply to `message`. Never throws: a failure becomes a short reply with an id, its details logged.
    ///
    /// `file` holds the bytes of the message's attachment, fetched by the transport: a CSV file is imported.
    public func handle(_ message: ChatMessage, file: [UInt8]? = nil) -> Reply {
        do {
            // Who is active in a chat: they are offered first when an alert is assigned there.
            try store.recordChatPerson(
                transport: message.transport, chatKey: message.chat.id, userKey: message.sender.userKey,
                name: message.sender.displayName, handle: message.sender.handle, now: clock.now)
            guard let member = try member(of: message) else { return try stranger(message) }
            let org = try store.org(id: member.orgID)
            let context = HandlerContext(
                store: store, org: org, member: member, now: clock.now, message: message,
                alertRecipients: alertRecipients,
                identity: identities[message.transport])
            let setupStep = try SetupHandler.step(of: member, in: store)
            if let attachment = message.attachment {
                let (reply, imported) = try ImportHandler().handle(attachment: attachment, file: file, context: context)
                // The setup's first import is done: on to the group.
                guard imported, setupStep == .firstImport else { return reply }
                var next = reply
                let ask = try SetupHandler().imported(context: context)
                next.blocks += ask.blocks
                next.buttons = ask.buttons
                return next
            }
            if let action = ImportHandler.PendingAction(message.action ?? message.text) {
                return try ImportHandler().resume(action, context: context)
            }
            if SetupHandler.isCommand(message.action ?? message.text) {
                return try SetupHandler().command(message.action ?? message.text, context: context)
            }
            let (parser, matcher) = try currentCatalog(orgID: org.id)
            let intent = parser.parse(message.action ?? message.text)
            // What is not a question answers the setup's step (the shop's name, its zone, its currency).
            if case .unknown = intent, let setupStep, message.chat.kind == .privateChat, message.action == nil,
                let reply = try SetupHandler().answer(message.text, step: setupStep, context: context)
            {
                return reply
            }
            let permission = Permission.required(for: intent)
            guard member.role >= permission.minimumRole else { return .text(permission.refusal(for: member)) }
            return Self.offeringChart(
                try reply(to: intent, context: context, matcher: matcher), for: intent, message: message, parser: parser
            )
        } catch {
            return FailureReply.reply(for: error, message: message, logger: logger)
        }
    }

    /// A figures answer that has a chart gets a "📈 Chart" button asking for it in the same words.
    static func offeringChart(_ reply: Reply, for intent: Intent, message: ChatMessage, parser: IntentParser) -> Reply {
        switch intent {
        case .sales, .topProducts, .weekdays, .busiestHours, .productTrend, .productSales, .ordering(.forecast),
            .staffing(.summary):
            break
        default: return reply
        }
        // The words as understood (typos mended), so a typo gets the same answer, button and all.
        let words = TextNormalizer.tokens(message.action ?? message.text).map(parser.corrected).joined(separator: " ")
        guard reply.kind == .answer, reply.attachments.isEmpty, !words.isEmpty, words.count < 200,
            reply.blocks.count > 1
        else { return reply }
        var offered = reply
        offered.buttons.append(Reply.Button(label: "📈 Chart", action: "chart " + words))
        return offered
    }

    /// The member of this shop who sent `message`; nil for a stranger. A member of another shop is a stranger
    /// here: one shop's data never answers another's.
    private func member(of message: ChatMessage) throws -> Member? {
        guard let member = try store.member(transport: message.transport, userKey: message.sender.userKey),
            orgID == nil || member.orgID == orgID
        else { return nil }
        return member
    }

    /// How the transport `identity.transport` names the bot and writes invite links.
    public func setIdentity(_ identity: TransportIdentity) { identities[identity.transport] = identity }

    /// Why the message's attachment is refused before its bytes are fetched (not a CSV, too big, or too big for
    /// what this member may upload), or nil when the transport should fetch it. Strangers are answered as for
    /// any message.
    public func refusal(forAttachmentOf message: ChatMessage) -> Reply? {
        guard let attachment = message.attachment else { return nil }
        do {
            guard let member = try member(of: message) else { return try stranger(message) }
            return ImportHandler().refusal(attachment: attachment, member: member)
        } catch {
            return FailureReply.reply(for: error, message: message, logger: logger)
        }
    }

    /// Someone who is not a member: "/start CODE" joins them with the invite's role; anything else says how to.
    private func stranger(_ message: ChatMessage) throws -> Reply {
        guard let org = try orgID.map({ try store.org(id: $0) }) ?? store.firstOrg() else {
            return .text("This bot has no shop yet.")
        }
        let start = identities[message.transport]?.startCommand ?? "/start"
        if case .start(let code?) = TeamCommandParser().parse(message.text) {
            do {
                let firstOwner = try !store.hasChatOwner(orgID: org.id)
                let member = try Invites(store: store, org: org).redeem(
                    code, transport: message.transport, userKey: message.sender.userKey,
                    name: message.sender.displayName,
                    handle: message.sender.handle, now: clock.now)
                // The shop's first owner is taken through its setup, one question at a time.
                if firstOwner, member.role == .owner {
                    let context = HandlerContext(
                        store: store, org: org, member: member, now: clock.now, message: message,
                        alertRecipients: alertRecipients, identity: identities[message.transport])
                    let setup = try SetupHandler().begin(context: context)
                    return Reply(
                        blocks: [
                            .title("Welcome to \(org.name), \(member.name)!"),
                            .text(
                                "You're an owner. Let's set up the shop: five quick steps, each can be skipped "
                                    + "(“setup” comes back to them)."),
                        ] + setup.blocks, buttons: setup.buttons)
                }
                return Reply(blocks: [
                    .title("Welcome to \(org.name), \(member.name)!"),
                    .text(
                        "You're \(Permission.noun(member.role)). Try “stock low?”, "
                            + "“sales today”, “my tasks” or “help”."
                            + (member.role == .owner
                                ? " Add me to the shop's group and send \(start) there to get alerts in it;"
                                    + " “invite staff” makes invites." : "")),
                ])
            } catch let error as InviteError {
                return .text(error.description)
            }
        }
        // Nobody owns the shop yet: this is most likely the person setting it up, with nobody to ask.
        if try !store.hasChatOwner(orgID: org.id) {
            return .text(
                "Hi \(message.sender.displayName)! \(org.name) has no owner yet. To become its owner, send \(start) "
                    + "followed by the setup code that opsbot run printed when it started (the log line "
                    + "“event=run.setup code=…”), for example “\(start) K7M2P9QX4T”. Lost it? Restart opsbot run and "
                    + "it prints a new one.")
        }
        return .text(
            "Hi \(message.sender.displayName)! You're not a member of \(org.name) yet. "
                + "Ask the owner or a manager for an invite, then send \(start) with its code.")
    }

    /// Whether `text` asks for something the bot can answer, with the shop's product and category names
    /// known; group chats hear only such messages.
    public func understands(_ text: String, orgID: Int64) -> Bool {
        guard let (parser, _) = try? currentCatalog(orgID: orgID) else { return false }
        switch parser.parse(text) {
        case .unknown, .notYet: return false
        default: return true
        }
    }

    private func reply(to intent: Intent, context: HandlerContext, matcher: ProductMatcher) throws -> Reply {
        switch intent {
        case .help(let topic):
            return HelpHandler().reply(topic: topic, context: context)
        case .lowStock:
            return try LowStockHandler().reply(context: context)
        case .productStock(let query):
            return try ProductStockHandler(matcher: matcher).reply(query: query, context: context)
        case .sales(let period):
            return try SalesHandler().reply(period: period, context: context)
        case .locationSales(let period, let location):
            return try SalesHandler().reply(period: period, location: location, context: context)
        case .locations(let period):
            return try SalesHandler().byLocation(period: period, context: context)
        case .locationNotSupported(let location):
            return .text(
                "For \(location) I can show sales: “sales this week at \(location)”, and “sales by location”. "
                    + "Other figures are for the whole shop.")
        case .outOfStock:
            return try StockListHandler().outOfStock(context: context)
        case .categoryStock(let category):
            return try StockListHandler().category(category, context: context)
        case .stockOuts(let period):
            return try StockListHandler().outages(period: period, context: context)
        case .topProducts(let query):
            return try TopProductsHandler().reply(query, context: context)
        case .productTrend(let query, let period):
            return try ProductTrendHandler(matcher: matcher).reply(query: query, period: period, context: context)
        case .categories(let period):
            return try PatternsHandler().categories(period: period, context: context)
        case .categoryMargins(let period):
            return try PatternsHandler().categoryMargins(period: period, context: context)
        case .productSales(let query, let period):
            return try ProductSalesHandler(matcher: matcher).reply(query: query, period: period, context: context)
        case .salesFigure(let period, let figure):
            return try SalesHandler().reply(period: period, figure: figure, context: context)
        case .notYet(let topic):
            return NotYetHandler().reply(topic)
        case .ordering(let command):
            return try OrderingHandler(matcher: matcher).reply(command, context: context)
        case .staffing(let command):
            return try StaffingHandler().reply(command, context: context)
        case .sync(let command):
            return try SyncHandler().reply(command, context: context)
        case .chart(let request):
            return try ChartHandler(matcher: matcher).reply(request, context: context)
        case .report(let period):
            return try ReportHandler().reply(period: period, context: context)
        case .briefing(.summary):
            return try BriefingHandler().summary(context: context)
        case .briefing(.here):
            return try BriefingHandler().here(context: context)
        case .reviews(let query):
            return try ReviewsHandler().reply(query, context: context)
        case .briefing(.insights):
            return try BriefingHandler().insights(context: context)
        case .weekdays(let period):
            return try PatternsHandler().weekdays(period: period, context: context)
        case .busiestHours(let period):
            return try PatternsHandler().hours(period: period, context: context)
        case .settings(let change):
            return try SettingsHandler().reply(change: change, context: context)
        case .alert(let command):
            return try AlertHandler(matcher: matcher).reply(command, context: context)
        case .team(let command):
            return try TeamHandler().reply(command, context: context)
        case .unknown(let suggestions):
            return Reply(
                blocks: [
                    .text(
                        Self.notUnderstood + " Try " + suggestions.map { "“\($0)”" }.joined(separator: " or ")
                            + ", or “help”.")
                ],
                buttons: suggestions.map { Reply.Button(label: $0, action: $0) }, kind: .notUnderstood)
        }
    }

    /// How the answer to a message that matched nothing begins (its `Reply.kind` is `.notUnderstood`).
    public static let notUnderstood = "Sorry, I didn't get that."

    /// The parser and matcher know the shop's product names; rebuilt only when the products change.
    private func currentCatalog(orgID: Int64) throws -> (IntentParser, ProductMatcher) {
        let version = try store.catalogVersion(orgID: orgID)
        if let catalog, catalog.version == version { return (catalog.parser, catalog.matcher) }
        let products = try store.products(orgID: orgID)
        let locations = try SalesMetrics(store: store, org: store.org(id: orgID)).locations()
        let parser = IntentParser(
            productNames: products.map(\.name), categories: Array(Set(products.map(\.category))).sorted(),
            locations: locations, skus: products.map(\.sku))
        let matcher = ProductMatcher(products: products)
        catalog = (version, parser, matcher)
        return (parser, matcher)
    }
}

@available(*, unavailable)
extension Conversation: Sendable {}
