import Foundation
import OpsChat
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsCore
@testable import OpsNetwork

/// The shared Bot API fake, serving the stock count a document fetches, in the words these tests use.
extension BotAPIFake {
    struct Sent: Sendable {
        let chat: Int64
        let text: String
        let at: Date
    }

    /// A count of 30 products, one of them ("lots") not a number.
    static let countCSV: [UInt8] = {
        var csv = "sku,qty\n"
        for index in 0..<30 { csv += "P-\(index),\(index == 12 ? "lots" : "9")\n" }
        return Array(csv.utf8)
    }()

    static func telegram() throws -> BotAPIFake { try BotAPIFake(files: ["F": countCSV]) }

    var sent: [Sent] {
        calls.filter { $0.method == "sendMessage" }.map {
            Sent(chat: $0.body["chat_id"]?.int64 ?? 0, text: $0.body["text"]?.string ?? "", at: $0.at)
        }
    }

    func push(id: Int64, chat: Int64, chatType: String, user: Int64, text: String) {
        post(id: id, text: text, chat: chat, chatType: chatType, user: user, name: "User \(user)")
    }

    /// The next sends are answered with these error envelopes, in order.
    func failNextSends(_ envelopes: [String]) {
        for envelope in envelopes {
            let status = (try? JSONValue(parsing: Array(envelope.utf8)))?["error_code"]?.int ?? 500
            inject("sendMessage", .error(status: status, body: envelope))
        }
    }

    var documents: [String] {
        calls.filter { $0.method == "sendDocument" }.map { String(decoding: $0.raw, as: UTF8.self) }
    }
    var photos: [String] { calls.filter { $0.method == "sendPhoto" }.map { String(decoding: $0.raw, as: UTF8.self) } }
    var answered: Int { calls("answerCallbackQuery").count }
    var fileRequests: Int { attempts("getFile") }
}

@Suite(.timeLimit(.minutes(2))) struct TelegramTransportTests {
    let directory = TemporaryDirectory()

    func makeService() async throws -> ConversationService {
        let service = try ConversationService(databasePath: directory.file("bot.sqlite"))
        try await service.withStore { store in
            let org = try #require(try store.firstOrg())
            for user in 1...5 {
                try store.upsertMember(
                    orgID: org.id, transport: "telegram", userKey: String(user), name: "User \(user)", role: .staff)
            }
            for index in 0..<200 {
                try store.upsertProduct(Product(sku: "P-\(index)", name: "Thing \(index)"), orgID: org.id)
            }
        }
        return service
    }

    func transport(_ fake: BotAPIFake, _ service: ConversationService) -> TelegramTransport {
        var options = TelegramTransport.Options()
        options.pollTimeout = 1
        options.backoffBase = 0.05
        options.setLimits(perChatInterval: 0.02, perGroupPerMinute: 10_000, perSecondOverall: 1_000)
        options.logger = Logger(label: "telegram", sink: NullLogSink())
        let api = TelegramAPI(baseURL: "http://127.0.0.1:\(fake.server.port)", token: "1:T", client: CurlHTTPClient())
        return TelegramTransport(api: api, service: service, options: options)
    }

    func waitFor(_ count: Int, _ fake: BotAPIFake) async throws {
        for _ in 0..<1_000 where fake.sent.count < count { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Which product each reply was about, in the order sent to `chat`.
    func products(in chat: Int64, _ fake: BotAPIFake) -> [Int] {
        fake.sent.filter { $0.chat == chat }.compactMap { sent in
            sent.text.range(of: "Thing ").flatMap { Int(sent.text[$0.upperBound...].prefix { $0.isNumber }) }
        }
    }

    @Test func twoHundredMessagesGetTwoHundredRepliesInOrderAcrossARestart() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        for index in 0..<200 {
            fake.push(
                id: Int64(1000 + index), chat: index % 2 == 0 ? -100 : -200, chatType: "group",
                user: Int64(1 + index % 5), text: "stock P-\(index)")
        }
        // First run: stopped part-way, as a restart (SIGTERM) would.
        let stop = StopSignal()
        let first = Task { try await transport(fake, service).run(until: stop) }
        try await waitFor(80, fake)
        stop.raise()
        _ = await first.result
        let afterFirst = fake.sent.count
        #expect(afterFirst >= 80 && afterFirst < 200)
        // Second run: picks up from the stored offset.
        let second = Task { try await transport(fake, service).run() }
        try await waitFor(200, fake)
        second.cancel()
        _ = await second.result

        #expect(fake.sent.count == 200)
        #expect(products(in: -100, fake) == Array(stride(from: 0, to: 200, by: 2)))
        #expect(products(in: -200, fake) == Array(stride(from: 1, to: 200, by: 2)))
        // No chat over its limit (0.02 s apart in these tests): 100 replies to a chat take at least 99 intervals.
        // A lower bound only, so a slow machine cannot fail it; exact spacing is in RateLimiterTests.
        for chat in [Int64(-100), -200] {
            let times = fake.sent.filter { $0.chat == chat }.map(\.at)
            #expect(times.last!.timeIntervalSince(times.first!) >= 99 * 0.02 * 0.95)
        }
        #expect(try await service.state(transport: "telegram", key: "offset") == "1200")
    }

    @Test func rateLimitsAndServerErrorsAreWaitedOut() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        fake.failNextSends([
            #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}"#,
            #"{"ok":false,"error_code":502,"description":"Bad Gateway"}"#,
        ])
        fake.push(id: 1, chat: 5, chatType: "private", user: 1, text: "stock P-7")
        let task = Task { try await transport(fake, service).run() }
        try await waitFor(1, fake)
        task.cancel()
        _ = await task.result
        #expect(fake.sent.count == 1)
        #expect(fake.sent.first?.text.contains("Thing 7") == true)
    }

    @Test func droppedConnectionsSlowAnswersConflictsAndBadGatewaysLoseAndRepeatNothing() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        for index in 0..<20 {
            fake.push(
                id: Int64(index + 1), chat: index % 2 == 0 ? 5 : 6, chatType: "private", user: 1,
                text: "stock P-\(index)")
        }
        fake.inject("getUpdates", .drop)
        fake.inject(
            "getUpdates",
            .error(
                status: 409,
                body:
                    #"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#
            ))
        fake.inject("getUpdates", .error(status: 502, body: "<html><body><h1>502 Bad Gateway</h1></body></html>"))
        fake.inject("getUpdates", .slow(0.3))
        for fault: BotAPIFake.Fault in [
            .drop, .slow(0.3), .error(status: 502, body: "<html>Bad Gateway</html>"), .drop,
        ] {
            fake.inject("sendMessage", fault)
        }
        var options = TelegramTransport.Options()
        options.pollTimeout = 1
        options.backoffBase = 0.05
        options.setLimits(perChatInterval: 0.02, perGroupPerMinute: 10_000, perSecondOverall: 1_000)
        let log = InMemoryLogSink()
        options.logger = Logger(label: "telegram", sink: log)
        let api = TelegramAPI(baseURL: "http://127.0.0.1:\(fake.server.port)", token: "1:T", client: CurlHTTPClient())
        let task = Task { try await TelegramTransport(api: api, service: service, options: options).run() }
        try await waitFor(20, fake)
        // Until the progress is saved: a fixed wait could end first on a busy machine.
        for _ in 0..<200 where try await service.state(transport: "telegram", key: "offset") != "21" {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = await task.result
        // Every message answered once, in order per chat, despite the faults (a dropped send was never received).
        #expect(fake.sent.count == 20)
        #expect(products(in: 5, fake) == Array(stride(from: 0, to: 20, by: 2)))
        #expect(products(in: 6, fake) == Array(stride(from: 1, to: 20, by: 2)))
        #expect(log.lines.contains { $0.contains("event=telegram.conflict") })
        #expect(try await service.state(transport: "telegram", key: "offset") == "21")
    }

    @Test func pngRepliesGoAsPhotosOtherFilesAsDocuments() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let reply = Reply(
            blocks: [.text("Chart")],
            attachments: [
                .init(fileName: "sales.png", mimeType: "image/png", bytes: [0x89, 0x50, 0x4E, 0x47]),
                .init(fileName: "rows.csv", mimeType: "text/csv", bytes: Array("a,b\n".utf8)),
            ])
        await transport(fake, service).send(reply, chat: .init(id: 5, type: "private", title: nil))
        let photo = try #require(fake.photos.first)
        #expect(photo.contains(#"name="photo"; filename="sales.png""#) && photo.contains("Content-Type: image/png"))
        #expect(fake.documents.count == 1)
    }

    @Test func aChartGoesAsOnePhotoWithItsLineAsTheCaption() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let reply = Reply(
            blocks: [.text("Sales, last 30 days: £12,345, +8% on the 30 days before")],
            attachments: [.init(fileName: "sales.png", mimeType: "image/png", bytes: [0x89, 0x50, 0x4E, 0x47])])
        await transport(fake, service).send(reply, chat: .init(id: 5, type: "private", title: nil))
        #expect(fake.sent.isEmpty)
        let photo = try #require(fake.photos.first)
        #expect(photo.contains("name=\"caption\"\r\n\r\nSales, last 30 days: £12,345, +8% on the 30 days before"))
    }

    @Test func documentsAreImportedAndHugeOnesRefused() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let document = { (id: Int, size: Int) in
            #"{"update_id":\#(id),"message":{"message_id":\#(id),"date":1,"chat":{"id":5,"type":"private"},"from":{"id":1,"is_bot":false,"first_name":"User 1"},"document":{"file_id":"F","file_unique_id":"U","file_name":"count.csv","file_size":\#(size)}}}"#
        }
        fake.replaceUpdates([document(1, 22), document(2, 25_000_000)])
        let task = Task { try await transport(fake, service).run() }
        try await waitFor(2, fake)
        task.cancel()
        _ = await task.result
        #expect(fake.sent.first?.text.contains("Imported inventory from count.csv") == true)
        #expect(fake.sent.first?.text.contains("line 14, column \"qty\": \"lots\" is not a number") == true)
        #expect(fake.sent.last?.text.contains("over 20 MB") == true)
        // The rejected row comes back as a file to fix.
        let errorFile = try #require(fake.documents.first)
        #expect(errorFile.contains("filename=\"count.errors.csv\""))
        #expect(errorFile.contains("P-12,lots,"))
        let stock = try await service.withStore { store in
            try store.database.queryInt(
                "SELECT quantity FROM inventory_levels l JOIN products p ON p.id = l.product_id WHERE p.sku = 'P-1'")
        }
        #expect(stock == 9)
    }

    @Test func aStaffMembersBigFileIsRefusedBeforeItIsDownloaded() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let document =
            #"{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"from":{"id":1,"is_bot":false,"first_name":"User 1"},"document":{"file_id":"F","file_unique_id":"U","file_name":"sales.csv","file_size":19000000}}}"#
        fake.replaceUpdates([document])
        let task = Task { try await transport(fake, service).run() }
        try await waitFor(1, fake)
        task.cancel()
        _ = await task.result
        #expect(fake.sent.first?.text.contains("Staff can upload stock counts (up to 2 MB)") == true, "\(fake.sent)")
        #expect(fake.fileRequests == 0, "the file was fetched before it was refused")
    }

    @Test func aButtonPressIsAnsweredAndRunsItsAction() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let press =
            #"{"update_id":1,"callback_query":{"id":"cb","from":{"id":2,"is_bot":false,"first_name":"User 2"},"message":{"message_id":3,"date":1,"chat":{"id":8,"type":"private"}},"data":"stock P-42"}}"#
        fake.replaceUpdates([press])
        let task = Task { try await transport(fake, service).run() }
        try await waitFor(1, fake)
        task.cancel()
        _ = await task.result
        #expect(fake.answered == 1)
        #expect(fake.sent.first?.chat == 8)
        #expect(fake.sent.first?.text.contains("Thing 42") == true)
    }

    /// Issue 20, point 5: an alert button edits the alert's message (through the outbox) and its notice says what
    /// happened; the chat gets no extra "Alert #4 acknowledged" message.
    @Test func anAlertButtonIsAnsweredWithANoticeAndNoNewMessage() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        let id = try await service.withStore { store -> Int64 in
            let org = try #require(try store.firstOrg())
            var product = try #require(try store.products(orgID: org.id).first { $0.sku == "P-1" })
            product.reorderPoint = 10
            try store.upsertProduct(product, orgID: org.id)
            try store.recordStock(productID: product.id, quantity: 2, countedAt: Date(), reason: "count")
            _ = try AlertEngine(store: store, org: org).evaluate(now: Date())
            return try #require(try store.unresolvedAlerts(orgID: org.id).first).id
        }
        let press =
            #"{"update_id":1,"callback_query":{"id":"cb","from":{"id":2,"is_bot":false,"first_name":"User 2"},"message":{"message_id":3,"date":1,"chat":{"id":-8,"type":"group"}},"data":"ack "#
            + "\(id)\"}}"
        fake.replaceUpdates([press])
        let task = Task { try await transport(fake, service).run() }
        for _ in 0..<500 where fake.answered == 0 { try await Task.sleep(for: .milliseconds(20)) }
        // A moment for a message that should not come.
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        _ = await task.result
        let notice = fake.calls("answerCallbackQuery").first?["text"]?.string ?? ""
        #expect(notice.hasPrefix("Alert #\(id) acknowledged by User 2: Low stock"), "\(notice)")
        #expect(fake.sent.isEmpty, "\(fake.sent)")
        let status = try await service.withStore { store in try store.alert(id: id, orgID: 1)?.status }
        #expect(status == .acknowledged)
    }

    /// Issue 20, point 3: added to a group, the bot says hello in one line and what makes it the shop's group;
    /// promoted to admin there, it says nothing.
    @Test func addedToAGroupTheBotSaysHelloOnce() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        func membership(_ id: Int, _ old: String, _ new: String) -> String {
            #"{"update_id":"# + "\(id)"
                + #","my_chat_member":{"chat":{"id":-9,"title":"Staff","type":"supergroup"},"from":{"id":1,"is_bot":false,"first_name":"User 1"},"date":1,"old_chat_member":{"user":{"id":42,"is_bot":true,"first_name":"Bot"},"status":""#
                + old + #""},"new_chat_member":{"user":{"id":42,"is_bot":true,"first_name":"Bot"},"status":""# + new
                + #""}}}"#
        }
        fake.replaceUpdates([membership(1, "left", "member"), membership(2, "member", "administrator")])
        let task = Task { try await transport(fake, service).run() }
        for _ in 0..<200 {
            if try await service.state(transport: "telegram", key: "offset") == "3" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = await task.result
        #expect(fake.sent.map(\.chat) == [-9], "\(fake.sent)")
        #expect(fake.sent.first?.text.contains("the owner or a manager sends /start here") == true)
        let chat = try await service.withStore { try $0.chat(transport: "telegram", chatKey: "-9") }
        #expect(chat?.receivesAlerts == false, "only /start from a manager makes it the shop's group")
    }

    @Test func chatsAreRememberedMovedAndMarkedInactive() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        fake.push(id: 1, chat: -5, chatType: "group", user: 1, text: "stock P-1")
        let migrate =
            #"{"update_id":2,"message":{"message_id":2,"date":1,"chat":{"id":-5,"type":"group"},"migrate_to_chat_id":-1005}}"#
        fake.post(migrate)
        fake.push(id: 3, chat: 77, chatType: "private", user: 2, text: "stock P-2")
        fake.failNextSends([#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#])
        // The first send (to the group) is refused with 403 in this script, so order the checks by chat.
        let task = Task { try await transport(fake, service).run() }
        for _ in 0..<200 {
            let offset = try await service.state(transport: "telegram", key: "offset")
            if offset == "4" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = await task.result
        let (group, old, privateChat) = try await service.withStore { store in
            (
                try store.chat(transport: "telegram", chatKey: "-1005"),
                try store.chat(transport: "telegram", chatKey: "-5"),
                try store.chat(transport: "telegram", chatKey: "77")
            )
        }
        #expect(old == nil)
        #expect(group?.kind == "group")
        // The group's reply met the 403: it is inactive until it writes again.
        #expect(group?.active == false)
        #expect(privateChat?.active == true)
        #expect(fake.sent.map(\.chat) == [77])
    }

    @Test func groupsHearOnlyWhatIsForTheBot() async throws {
        let fake = try BotAPIFake.telegram()
        let service = try await makeService()
        fake.push(id: 1, chat: -7, chatType: "group", user: 1, text: "see you at 5 everyone")
        fake.push(id: 2, chat: -7, chatType: "group", user: 1, text: "/stock@OtherBot")
        fake.push(id: 3, chat: -7, chatType: "group", user: 1, text: "/ask stock P-3")
        fake.push(id: 4, chat: 1, chatType: "private", user: 1, text: "purple elephant")
        fake.push(id: 5, chat: -7, chatType: "group", user: 1, text: "<Tom & \\\"Jerry\\\">")
        fake.push(id: 6, chat: -7, chatType: "group", user: 1, text: "thing 5?")
        let task = Task { try await transport(fake, service).run() }
        try await waitFor(3, fake)
        for _ in 0..<100 where try await service.state(transport: "telegram", key: "offset") != "7" {
            try await Task.sleep(for: .milliseconds(20))
        }
        task.cancel()
        _ = await task.result
        // Chatter, another bot's command and the escaped nonsense get nothing; a product name is understood.
        #expect(fake.sent.map(\.chat) == [-7, 1, -7])
        #expect(fake.sent[0].text.contains("Thing 3"))
        #expect(fake.sent[1].text.hasPrefix(Conversation.notUnderstood))
        #expect(fake.sent[2].text.contains("Thing 5"))
    }
}

/// The limiter's arithmetic with fixed times (timing real sends would make a flaky test).
@Suite struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func oneMessageASecondPerChat() {
        var limiter = RateLimiter(limits: .init())
        #expect(limiter.delay(for: 1, group: false, now: start) == 0)
        limiter.record(chat: 1, group: false, at: start)
        #expect(limiter.delay(for: 1, group: false, now: start.addingTimeInterval(0.25)) == 0.75)
        #expect(limiter.delay(for: 2, group: false, now: start.addingTimeInterval(0.25)) == 0)
        #expect(limiter.delay(for: 1, group: false, now: start.addingTimeInterval(1)) == 0)
    }

    @Test func twentyAMinutePerGroup() {
        var limiter = RateLimiter(limits: .init())
        for index in 0..<20 { limiter.record(chat: -5, group: true, at: start.addingTimeInterval(Double(index) * 1.5)) }
        let now = start.addingTimeInterval(30)
        // The 20th send in a minute was at 28.5 s; the first at 0 s: the 21st waits until 60 s.
        #expect(limiter.delay(for: -5, group: true, now: now) == 30)
        #expect(limiter.delay(for: -6, group: true, now: now) == 0)
    }

    @Test func thirtyASecondOverall() {
        var limiter = RateLimiter(limits: .init())
        for chat in 0..<30 {
            limiter.record(chat: Int64(chat), group: false, at: start.addingTimeInterval(Double(chat) * 0.01))
        }
        let wait = limiter.delay(for: 999, group: false, now: start.addingTimeInterval(0.3))
        #expect(abs(wait - 0.7) < 1e-6)  // Date holds seconds as a Double around 1e6: micro-second rounding
    }
}

@Suite struct SendPacerTests {
    @Test func twoSendersOnOneTokenTakeTurnsInAChat() async {
        // Replies and alert deliveries share a token's pacer: a second sender waits behind the first.
        let pacer = SendPacer()
        pacer.setLimits(perChatInterval: 0.2, perGroupPerMinute: 100, perSecondOverall: 100)
        let start = Date()
        async let first: Void = pacer.waitTurn(chat: 7, group: false)
        async let second: Void = pacer.waitTurn(chat: 7, group: false)
        _ = await (first, second)
        // A lower bound only: the second slot is a fifth of a second after the first.
        #expect(Date().timeIntervalSince(start) >= 0.19)
    }
}
