import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Testing

@testable import OpsNetwork

/// Issue 20's acceptance: a shop's first day over Telegram, on an empty database, as a phone sends it — the setup
/// code, a bare /start, the guided setup, the first imports, the bot added to the staff group, /start there, an
/// invite by deep link, the member joining, an alert acted on with buttons — and nothing posted in the group
/// that nobody asked for.
@Suite(.timeLimit(.minutes(3))) struct FirstDayTests {
    let directory = TemporaryDirectory()

    static let sales = Array(
        """
        Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,Net Sales,Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location,Dining Option,Customer ID,Customer Name,Customer Reference ID
        11/30/2026,09:15:00,London,Bakery,Croissant,3,Regular,CRO,"",£7.80,£0.00,£7.80,£0.00,T1,P1,iPad,"",,Payment,,,,,
        11/30/2026,10:05:00,London,Pantry,Honey,1,Regular,HNY,"",£6.50,£0.00,£6.50,£0.00,T2,P2,iPad,"",,Payment,,,,,

        """.utf8)
    static let stock = Array("sku,name,qty\nCRO,Croissant,0\nHNY,Honey,12\n".utf8)

    @Test func aNewOwnerGoesFromStartToAWorkingGroup() async throws {
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let code = try #require(try await service.setupCode())
        let fake = try BotAPIFake(files: ["SALES": Self.sales, "STOCK": Self.stock])
        var options = TelegramTransport.Options()
        options.pollTimeout = 1
        options.backoffBase = 0.05
        options.setLimits(perChatInterval: 0.02, perGroupPerMinute: 10_000, perSecondOverall: 1_000)
        options.logger = Logger(label: "telegram", sink: NullLogSink())
        let transport = TelegramTransport(api: fake.api(), service: service, options: options)
        let task = Task { try await transport.run() }
        defer { task.cancel() }

        var lastID: Int64 = 0
        // Posts one update and waits until it is handled: what the bot sent since.
        func send(_ json: (Int64) -> String) async throws -> [String] {
            let before = fake.sentTexts.count
            lastID += 1
            fake.post(json(lastID))
            for _ in 0..<500 {
                if try await service.state(transport: "telegram", key: "offset") == String(lastID + 1) { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            return Array(fake.sentTexts.dropFirst(before))
        }
        func say(_ text: String, chat: Int64 = 5, group: Bool = false, user: Int64 = 5, name: String = "Olive")
            async throws -> String
        {
            try await send { id in
                #"{"update_id":\#(id),"message":{"message_id":\#(id),"date":1,"chat":{"id":\#(chat),"type":"\#(group ? "supergroup" : "private")","title":"Staff"},"from":{"id":\#(user),"is_bot":false,"first_name":"\#(name)","language_code":"en"},"text":"\#(text)"}}"#
            }.joined(separator: "\n")
        }
        func press(_ data: String, chat: Int64, user: Int64, name: String, on message: Int64 = 200) async throws
            -> [String]
        {
            try await send { id in
                #"{"update_id":\#(id),"callback_query":{"id":"cb\#(id)","from":{"id":\#(user),"is_bot":false,"first_name":"\#(name)"},"message":{"message_id":\#(message),"date":1,"chat":{"id":\#(chat),"type":"\#(chat < 0 ? "supergroup" : "private")"}},"data":"\#(data)"}}"#
            }
        }
        func upload(_ fileID: String, _ name: String) async throws -> String {
            try await send { id in
                #"{"update_id":\#(id),"message":{"message_id":\#(id),"date":1,"chat":{"id":5,"type":"private"},"from":{"id":5,"is_bot":false,"first_name":"Olive"},"document":{"file_id":"\#(fileID)","file_unique_id":"u\#(id)","file_name":"\#(name)","file_size":400}}}"#
            }.joined(separator: "\n")
        }

        // Before setup: a bare /start is told about the setup code.
        #expect(try await say("/start").contains("has no owner yet"))
        // The code: owner, and the guided setup.
        let welcome = try await say("/start \(code)")
        #expect(welcome.contains("Welcome to My Shop, Olive!") && welcome.contains("Setup 1/5"), "\(welcome)")
        #expect(try await say("Corner Café").contains("Setup 2/5"))
        #expect(try await say("London").contains("Time zone: Europe/London"))
        let currency = try await press("setup currency GBP", chat: 5, user: 5, name: "Olive")
        #expect(currency.joined().contains("Currency: GBP.") && currency.joined().contains("Setup 4/5"), "\(currency)")
        let imported = try await upload("SALES", "items-2026-11-30.csv")
        #expect(imported.contains("Recognised a Square Item Sales Detail export"), "\(imported)")
        #expect(imported.contains("Setup 5/5"))
        let counted = try await upload("STOCK", "count.csv")
        #expect(counted.contains("Imported inventory") && counted.contains("Alerts: 1 new"), "\(counted)")

        // Added to the staff group: one line of hello. Then /start there: the open alert follows, once.
        let hello = try await send { id in
            #"{"update_id":\#(id),"my_chat_member":{"chat":{"id":-100,"title":"Staff","type":"supergroup"},"from":{"id":5,"is_bot":false,"first_name":"Olive"},"date":1,"old_chat_member":{"user":{"id":9,"is_bot":true,"first_name":"Corner"},"status":"left"},"new_chat_member":{"user":{"id":9,"is_bot":true,"first_name":"Corner"},"status":"member"}}}"#
        }
        #expect(hello.count == 1 && hello[0].contains("the owner or a manager sends /start here"), "\(hello)")
        let joined = try await say("/start", chat: -100, group: true)
        #expect(joined.contains("This group is now part of Corner Café") && joined.contains("already open follows"))
        let alert = try await service.withStore { store -> Alert in
            try #require(try store.unresolvedAlerts(orgID: 1).first)
        }
        let queued = try await service.withStore { store in
            try store.dueDeliveries(now: .distantFuture, limit: 50).filter { $0.target == "-100" }
        }
        #expect(queued.map(\.alertIDs) == [[alert.id]], "the open alert, queued once for the group")
        // The delivery loop posts it as message 200 in the group.
        try await service.recordDelivery(
            id: try #require(queued.first).id, outcome: .sent, answer: "message_id 200", messageKey: "200",
            retryAt: nil,
            now: Date())

        // An invite by deep link, and the new member joins.
        let invite = try await say("invite staff")
        let link = try #require(invite.range(of: "https://t.me/CornerBot?start="), "\(invite)")
        let inviteCode = String(invite[link.upperBound...].prefix { $0.isLetter || $0.isNumber })
        #expect(inviteCode.count == 10, "\(invite)")
        #expect(
            try await say("/start \(inviteCode)", chat: 6, user: 6, name: "Sam").contains(
                "Welcome to Corner Café, Sam!"))

        // Buttons in the group: acknowledged, assigned, resolved — each a notice on the button, no new message.
        // "Assign" asks whom (a message asked for); the choice replaces that question and its buttons.
        #expect(try await press("ack \(alert.id)", chat: -100, user: 6, name: "Sam").isEmpty)
        let whom = try await press("assign \(alert.id)", chat: -100, user: 5, name: "Olive")
        #expect(whom.count == 1 && whom[0].contains("Assign alert #\(alert.id)") && whom[0].contains("to whom?"))
        let groupBefore = fake.sent.filter { $0.chat == -100 }.count
        #expect(try await press("assign \(alert.id) to id:6", chat: -100, user: 5, name: "Olive", on: 300).isEmpty)
        let notices = fake.calls("answerCallbackQuery").compactMap { $0["text"]?.string }
        #expect(notices.contains { $0.hasPrefix("Alert #\(alert.id) acknowledged by Sam") }, "\(notices)")
        #expect(notices.contains { $0.hasPrefix("Alert #\(alert.id) assigned to Sam as task #1") }, "\(notices)")
        let edits = fake.calls("editMessageText")
        let question = edits.filter { $0["message_id"]?.int64 == 300 }
        #expect(question.count == 1 && question[0]["text"]?.string?.contains("assigned to Sam") == true, "\(edits)")
        #expect(
            question.first?["reply_markup"]?["inline_keyboard"]?.array?.isEmpty ?? true, "the question's buttons go")
        #expect(!edits.contains { $0["message_id"]?.int64 == 200 }, "the alert's post is the delivery loop's to edit")
        // Sam finishes the task in private chat; the alert is resolved with its button.
        #expect(try await say("done 1", chat: 6, user: 6, name: "Sam").contains("Task #1"))
        #expect(try await press("resolve \(alert.id)", chat: -100, user: 5, name: "Olive").isEmpty)
        #expect(try await service.withStore { try $0.alert(id: alert.id, orgID: 1)?.isResolved } == true)

        // In the group: the hello, the answer to /start and the question "to whom?", nothing nobody asked for.
        let inGroup = fake.sent.filter { $0.chat == -100 }
        #expect(inGroup.count == groupBefore && inGroup.count == 3, "\(inGroup.map(\.text))")
        let org = try await service.withStore { try #require(try $0.firstOrg()) }
        #expect(org.name == "Corner Café" && org.timeZone.identifier == "Europe/London" && org.currency.code == "GBP")
    }
}
