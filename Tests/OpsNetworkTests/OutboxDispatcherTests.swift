import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// The shared Bot API fake, in the words these tests use.
extension BotAPIFake {
    /// The next call of `method` is answered with this status and body (once).
    func fail(_ method: String, status: Int, _ body: String) { inject(method, .error(status: status, body: body)) }
    func sent(_ method: String) -> [JSONValue] { calls(method) }
}

@Suite("Outbox delivery", .timeLimit(.minutes(2)))
struct OutboxDispatcherTests {
    let directory = TemporaryDirectory()

    func setUp() async throws -> (SmallShop, ConversationService, BotAPIFake) {
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        try shop.store.recordChat(
            orgID: shop.org.id, transport: "telegram", chatKey: "-100", kind: "group", title: "Floor")
        try shop.store.setChatReceivesAlerts(true, transport: "telegram", chatKey: "-100")
        let fake = try BotAPIFake()
        let service = try ConversationService(
            databasePath: directory.file("shop.sqlite"),
            alertRecipients: AlertRecipients(emails: ["owner@example.com"], phones: ["+15550002222"]))
        return (shop, service, fake)
    }

    func dispatcher(
        _ service: ConversationService, _ fake: BotAPIFake?, mailer: SMTPMailer? = nil, sms: TwilioClient? = nil,
        maxAttempts: Int = 6, token: String = "1:T", log: any LogSink = NullLogSink()
    ) -> OutboxDispatcher {
        var chat: [String: any ChatDeliverer] = [:]
        if let fake {
            var limits = TelegramTransport.Options()
            limits.setLimits(perChatInterval: 0, perGroupPerMinute: 10_000, perSecondOverall: 10_000)
            chat["telegram"] = TelegramChatDeliverer(api: fake.api(token: token), options: limits)
        }
        var options = OutboxDispatcher.Options()
        options.backoffBase = 0
        options.maxAttempts = maxAttempts
        options.logger = Logger(label: "delivery", sink: log)
        return OutboxDispatcher(
            service: service,
            channels: .init(chat: chat, mailer: mailer, sms: sms, redactor: AnswerRedactor(secrets: [token])),
            options: options)
    }

    /// What the owner sees for `product` in `alert history`.
    func history(_ shop: SmallShop, _ product: String) -> String {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c", kind: .privateChat),
                sender: .init(userKey: "1", displayName: "Olive"), text: "alert history \(product)")
        ).plainText
    }

    @Test("an alert message goes out with buttons, is edited in place, and a cleared alert is answered in its thread")
    func chatLifecycle() async throws {
        let (shop, service, fake) = try await setUp()
        let engine = AlertEngine(store: shop.store, org: shop.org)
        try engine.evaluate(now: shop.now)
        let first = await dispatcher(service, fake).runOnce()
        #expect(first.sent == 1 && first.failed == 0)
        let message = try #require(fake.sent("sendMessage").first)
        #expect(message["chat_id"]?.int64 == -100)
        let text = message["text"]?.string ?? ""
        #expect(text.hasPrefix("<b>3 alerts</b>") && text.contains("Out of stock: Croissant — none left"))
        #expect((message["reply_markup"]?["inline_keyboard"]?.array?.count ?? 0) == 6)
        let posted = try #require(try shop.store.deliveries(alertID: 1).first)
        #expect(posted.status == .sent && posted.messageKey == "101")

        // Acknowledged in chat: the message is edited to say so, and its Acknowledge button goes.
        let oat = try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first { $0.subject == "Oat Milk 1L" })
        try AlertDesk(store: shop.store, org: shop.org).apply(.acknowledge, to: oat.id, by: shop.owner, now: shop.now)
        #expect(await dispatcher(service, fake).runOnce().sent == 1)
        let edit = try #require(fake.sent("editMessageText").first)
        #expect(edit["message_id"]?.int64 == 101 && edit["chat_id"]?.int64 == -100)
        #expect(edit["text"]?.string?.contains("Oat Milk 1L — 4 left (alert at 12) · acknowledged") == true)

        // The oat milk is restocked: one "resolved" reply in the thread, and the message edited again.
        try shop.store.recordStock(
            productID: oat.productID!, quantity: 40, countedAt: shop.now.addingTimeInterval(60), reason: "count")
        try engine.evaluate(now: shop.now.addingTimeInterval(120))
        #expect(await dispatcher(service, fake).runOnce().sent == 2)
        let notice = try #require(fake.sent("sendMessage").last)
        #expect(notice["reply_parameters"]?["message_id"]?.int64 == 101)
        #expect(notice["text"]?.string?.contains("Oat Milk 1L: low stock cleared") == true)
        #expect(fake.sent("editMessageText").count == 2)
    }

    @Test("a transport that is not running here leaves its items waiting; failures are retried, then given up")
    func retriesAndWaiting() async throws {
        let (shop, service, fake) = try await setUp()
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        let waiting = await dispatcher(service, nil).runOnce()
        #expect(waiting.waiting == 1 && waiting.sent == 0)
        #expect(try shop.store.dueDeliveries(now: Date()).count == 1)

        fake.fail("sendMessage", status: 502, "<html>Bad Gateway</html>")
        fake.fail(
            "sendMessage", status: 429,
            #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 0","parameters":{"retry_after":0}}"#
        )
        let summary = await dispatcher(service, fake).runOnce()
        #expect(summary.sent == 1 && summary.retrying == 2)
        let item = try #require(try shop.store.deliveries(alertID: 1).first)
        #expect(try shop.store.deliveryAttempts(outboxID: item.id).map(\.outcome) == [.retry, .retry, .sent])

        // Removed from the group: 403 is final.
        try shop.store.recordStock(
            productID: shop.products["SALT"]!.id, quantity: 1, countedAt: shop.now.addingTimeInterval(60),
            reason: "count")
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now.addingTimeInterval(120))
        fake.fail(
            "sendMessage", status: 403,
            #"{"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the group chat"}"#)
        #expect(await dispatcher(service, fake).runOnce().failed == 1)
        let salt = try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first { $0.subject == "Sea Salt Crisps" })
        #expect(try shop.store.deliveries(alertID: salt.id).first?.status == .failed)
        #expect(
            try shop.store.chat(transport: "telegram", chatKey: "-100")?.active == false, "the chat is marked inactive")
        #expect(try shop.store.alertChats(orgID: shop.org.id).isEmpty)
    }

    @Test(
        "email and SMS: delivered to a real SMTP server and the Twilio fake; 429 retried, a bad number fails for good")
    func emailAndSMS() async throws {
        let (shop, service, _) = try await setUp()
        try shop.store.saveAlertRule(
            AlertRule(kind: .outOfStock, route: AlertRoute([.email, .sms])), orgID: shop.org.id, now: shop.now)
        try AlertEngine(
            store: shop.store, org: shop.org,
            recipients: AlertRecipients(emails: ["owner@example.com"], phones: ["+15550002222", "12"])
        ).evaluate(now: shop.now)

        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        let twilio = try TwilioClientTests.FakeTwilio(rateLimitFirst: true)
        let twilioServer = try HTTPServer { twilio.answer($0) }
        defer { twilioServer.stop() }
        let mailer = SMTPMailer(
            settings: .init(url: "smtp://127.0.0.1:\(smtp.port)", from: "OpsBot <bot@example.com>", requireTLS: false))
        let sms = TwilioClient(
            settings: .init(
                baseURL: "http://127.0.0.1:\(twilioServer.port)", accountSID: TwilioClientTests.sid,
                authToken: "tok3n", from: "+15550001111"),
            client: CurlHTTPClient())
        let summary = await dispatcher(service, nil, mailer: mailer, sms: sms).runOnce()
        #expect(summary.sent == 2 && summary.failed == 1 && summary.waiting == 1)

        let mail = try #require(smtp.mails.first)
        #expect(mail.recipients == ["owner@example.com"])
        let subject = "[Test Shop] Out of stock: Croissant — none left"
        #expect(mail.data.contains("Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="))
        let texts = twilio.requests.withLock { $0.map { TwilioClientTests.FakeTwilio.form($0.body) } }
        #expect(texts.last?["Body"] == "Test Shop: #1 Out of stock: Croissant — none left")
        let croissant = try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first { $0.kind == .outOfStock })
        let deliveries = try shop.store.deliveries(alertID: croissant.id)
        let bad = try #require(deliveries.first { $0.target == "12" })
        #expect(
            bad.status == .failed && bad.lastError == "Twilio answered 400 (error 21211): Invalid 'To' Phone Number: 12"
        )
        let good = try #require(deliveries.first { $0.target == "+15550002222" })
        #expect(good.status == .sent && good.messageKey?.hasPrefix("SM") == true && good.attempts == 2)
    }

    @Test("a transient failure that never ends is given up after the limit, visible in alert history")
    func givesUp() async throws {
        let (shop, service, fake) = try await setUp()
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        for _ in 0..<3 {
            fake.fail(
                "sendMessage", status: 500, #"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#)
        }
        let summary = await dispatcher(service, fake, maxAttempts: 3).runOnce()
        #expect(summary.failed == 1 && summary.sent == 0)
        let item = try #require(try shop.store.deliveries(alertID: 1).first)
        #expect(item.status == .failed && item.attempts == 3)
        #expect(item.lastError?.hasPrefix("gave up after 3 tries") == true)
        let history = history(shop, "croissant")
        #expect(history.contains("alert → telegram chat: FAILED after 3 tries — gave up after 3 tries"))
    }
}

extension OutboxDispatcherTests {
    @Test("an error page that echoes the bot's token is kept and shown without it")
    func providerAnswersAreRedacted() async throws {
        let (shop, service, fake) = try await setUp()
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        let token = "7212345678:AAH3xQk9V_secretPartOfTheBotToken-123"
        for _ in 0..<2 {
            fake.fail(
                "sendMessage", status: 502,
                """
                <html><head><title>502 Bad Gateway</title></head>
                <body><h1>Bad Gateway</h1><p>upstream failed for POST /bot\(token)/sendMessage</p>
                <p>Authorization: Bearer sk_live_abcdef123456 at https://bot:\(token)@proxy.example/</p></body></html>
                """)
        }
        let log = InMemoryLogSink()
        #expect(await dispatcher(service, fake, maxAttempts: 2, token: token, log: log).runOnce().failed == 1)

        let item = try #require(try shop.store.deliveries(alertID: 1).first)
        let answers = try shop.store.deliveryAttempts(outboxID: item.id).map(\.answer) + [item.lastError ?? ""]
        let history = history(shop, "croissant")
        for text in answers + [history] + log.lines {
            #expect(!text.contains("AAH3xQk9V") && !text.contains("7212345678") && !text.contains("sk_live"), "\(text)")
        }
        #expect(answers.first?.contains("/bot‹redacted›/sendMessage") == true, "\(answers)")
        #expect(answers.allSatisfy { !$0.contains("\n") && $0.count <= 230 })
        #expect(history.contains("FAILED after 2 tries"), "\(history)")
    }
}

@Suite struct AnswerRedactorTests {
    @Test(arguments: [
        ("GET /bot123:abc/getMe failed", "GET /bot‹redacted›/getMe failed"),
        ("token 5012345678:AAEhBP0av28ZEvuTWmXzg6r7kuqs-AbCdEf in text", "token ‹redacted› in text"),
        ("Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic ‹redacted›"),
        ("smtps://bot%40example.com:hunter22@smtp.example.com:465", "smtps://‹redacted›@smtp.example.com:465"),
        ("slack said xoxb-1234-5678-abcdef", "slack said ‹redacted›"),
        ("line one\n\tline\r\ntwo", "line one line two"),
    ])
    func credentialsAreTakenOut(_ text: String, _ expected: String) {
        #expect(AnswerRedactor().redact(text) == expected)
    }

    @Test func everyFormOfAKnownSecretIsTakenOutAndTheExcerptIsShort() {
        let redactor = AnswerRedactor(secrets: ["tw1l10-auth-t0ken", ""])
        let echoed =
            "auth tw1l10-auth-t0ken, b64 \(Data("tw1l10-auth-t0ken".utf8).base64EncodedString()) "
            + String(repeating: "x", count: 500)
        let safe = redactor.redact(echoed)
        #expect(!safe.contains("tw1l10") && !safe.contains(Data("tw1l10-auth-t0ken".utf8).base64EncodedString()))
        #expect(safe.count == AnswerRedactor.maxLength && safe.hasSuffix("…"))
    }
}

@Suite("Scheduled alert evaluation")
struct ScheduledEvaluationTests {
    let directory = TemporaryDirectory()

    @Test("the first start only marks the time; a missed 02:00 runs once when the bot is back, never twice")
    func missedRunOnce() async throws {
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let job = ScheduledJob(name: "alerts", schedule: try CronExpression("0 2 * * *"), timeZone: shop.org.timeZone)
        #expect(try await service.evaluateAlerts(now: shop.now, job: job) == nil)
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).isEmpty)
        // Down until 09:00 two days later: one run, for the latest 02:00.
        let back = shop.now.addingTimeInterval(42.5 * 3600)
        let evaluation = try #require(try await service.evaluateAlerts(now: back, job: job))
        #expect(evaluation.opened.count == 3)
        #expect(
            try job.lastRun(in: shop.store)
                == shop.org.calendar.date(dayKey: "2026-11-27")!.addingTimeInterval(2 * 3600))
        #expect(try await service.evaluateAlerts(now: back.addingTimeInterval(60), job: job) == nil)
    }

    /// Issue 20, point 8: the schedule follows the shop's zone as soon as "settings timezone" changes it, not the
    /// zone the scheduler started with.
    @Test func theScheduleFollowsTheShopsTimeZoneAtOnce() async throws {
        let shop = try SmallShop(path: directory.file("zone.sqlite"))
        let service = try ConversationService(databasePath: directory.file("zone.sqlite"))
        let job = ScheduledJob(name: "alerts", schedule: try CronExpression("0 2 * * *"), timeZone: shop.org.timeZone)
        let start = try #require(shop.org.calendar.date(dayKey: "2026-11-27")).addingTimeInterval(12 * 3600)
        #expect(try await service.evaluateAlerts(now: start, job: job) == nil)
        var org = shop.org
        org.timeZone = TimeZone(identifier: "America/New_York")!
        try shop.store.updateOrg(org)
        // 02:00 in London has passed, 02:00 in New York (07:00 in London) has not.
        let londonTwo = try #require(shop.org.calendar.date(dayKey: "2026-11-28")).addingTimeInterval(2.5 * 3600)
        #expect(try await service.evaluateAlerts(now: londonTwo, job: job) == nil)
        let newYorkTwo = londonTwo.addingTimeInterval(5 * 3600)
        #expect(try await service.evaluateAlerts(now: newYorkTwo, job: job) != nil)
    }
}

/// One reading of a provider's failure for Telegram, Twilio and SMTP.
@Suite struct ProviderFailureTests {
    @Test func aRateLimitWaitsTheProvidersTimeAServerErrorRetriesAndARefusalFails() {
        let limited = TelegramAPIError.api(
            code: 429, description: "Too Many Requests", retryAfter: 7, migrateToChatID: nil)
        #expect(DeliveryResult(failure: limited) == .retry(answer: limited.description, after: 7))
        let noWait = TelegramAPIError.api(
            code: 429, description: "Too Many Requests", retryAfter: nil, migrateToChatID: nil)
        #expect(DeliveryResult(failure: noWait) == .retry(answer: noWait.description, after: nil))
        let twilio = TwilioError.api(status: 429, code: 20429, message: "Too Many Requests", retryAfter: 3)
        #expect(DeliveryResult(failure: twilio) == .retry(answer: twilio.description, after: 3))
        let down = TwilioError.api(status: 503, code: nil, message: "Unavailable", retryAfter: nil)
        #expect(DeliveryResult(failure: down) == .retry(answer: down.description, after: nil))
        let bad = TelegramAPIError.api(code: 400, description: "Bad Request", retryAfter: nil, migrateToChatID: nil)
        #expect(DeliveryResult(failure: bad) == .failed(answer: bad.description))
    }
}
