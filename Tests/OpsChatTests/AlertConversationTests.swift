import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// The alert commands through `Conversation`, in a group chat with the owner and a staff member.
@Suite("Alerts in chat")
struct AlertConversationTests {
    let shop: SmallShop
    let clock: MutableClock
    let conversation: Conversation
    let group = ChatMessage.Chat(id: "-100", kind: .group, title: "Shop floor")

    init() throws {
        shop = try SmallShop()
        clock = MutableClock(shop.now)
        conversation = Conversation(store: shop.store, clock: clock)
        try shop.store.recordChat(
            orgID: shop.org.id, transport: "test", chatKey: "-100", kind: "group", title: "Shop floor")
        try shop.store.setChatReceivesAlerts(true, transport: "test", chatKey: "-100")
    }

    @discardableResult
    func say(_ text: String, as member: Member? = nil, action: String? = nil) -> Reply {
        let member = member ?? shop.owner
        return conversation.handle(
            ChatMessage(
                transport: member.transport, chat: group,
                sender: .init(userKey: member.userKey, displayName: member.name, handle: member.handle), text: text,
                action: action))
    }

    func evaluate() throws -> AlertEvaluation {
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: clock.now)
    }

    func alertID(_ sku: String, _ kind: AlertKind) throws -> Int64 {
        try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first {
                $0.cause == "\(kind.rawValue):product:\(shop.products[sku]!.id)"
            }
        ).id
    }

    func activity() throws -> [String] {
        try shop.store.database.query("SELECT summary FROM activity WHERE kind LIKE 'alert.%' ORDER BY id") {
            $0.string(0)
        }
    }

    /// Issue 20, point 4: alerts opened before a group took alerts reach it once, grouped, when it starts to
    /// (with /start there, or "alerts here"); saying it again posts nothing more.
    @Test func aChatThatStartsTakingAlertsGetsTheOpenOnesOnce() throws {
        _ = try evaluate()
        let open = try shop.store.unresolvedAlerts(orgID: shop.org.id).count
        #expect(open > 0)
        let staffRoom = ChatMessage.Chat(id: "-200", kind: .group, title: "Staff room")
        func start(_ text: String, in chat: ChatMessage.Chat) -> Reply {
            conversation.handle(
                ChatMessage(
                    transport: "test", chat: chat, sender: .init(userKey: shop.owner.userKey, displayName: "Olive"),
                    text: text))
        }
        func posted(_ chat: String) throws -> [Int] {
            try shop.store.database.query(
                "SELECT (SELECT COUNT(*) FROM outbox_alerts a WHERE a.outbox_id = o.id) FROM outbox o "
                    + "WHERE o.target = ? AND o.kind = 'alert' ORDER BY o.id", [.text(chat)]
            ) { $0.int(0) }
        }
        #expect(start("/start", in: staffRoom).plainText.contains("already open follow"))
        #expect(try posted("-200") == [open], "one message with every open alert")
        _ = start("/start", in: staffRoom)
        #expect(try posted("-200") == [open], "not again")

        let office = ChatMessage.Chat(id: "-300", kind: .group, title: "Office")
        #expect(start("alerts here", in: office).plainText.contains("already open follow"))
        #expect(try posted("-300") == [open])
    }

    /// Issue 20, point 10: one alert's message names its number once — the title is its kind.
    @Test func oneAlertsMessageNamesItsNumberOnce() throws {
        _ = try evaluate()
        let alert = try #require(try shop.store.unresolvedAlerts(orgID: shop.org.id).first)
        let message = AlertText(org: shop.org, now: clock.now).message([alert], reminder: false)
        #expect(message.blocks.first == .title(alert.kind.label))
        #expect(message.plainText.components(separatedBy: "#\(alert.id)").count == 2, "\(message.plainText)")
        let reminder = AlertText(org: shop.org, now: clock.now).message([alert], reminder: true)
        #expect(reminder.blocks.first == .title("Reminder: " + alert.kind.label.lowercased()))
    }

    @Test(
        "the commands parse",
        arguments: [
            ("alerts", AlertCommand.list), ("/alerts", .list), ("/alerts@CornerBot", .list), ("show alerts", .list),
            ("alert 12", .show(12)), ("alert #12", .show(12)), ("ack 12", .acknowledge(12)),
            ("acknowledge #3", .acknowledge(3)),
            ("snooze 12", .snooze(12, minutes: 1440)), ("snooze 12 2d", .snooze(12, minutes: 2880)),
            ("snooze 12 3 hours", .snooze(12, minutes: 180)), ("snooze 12 1w", .snooze(12, minutes: 10080)),
            ("resolve 12", .resolve(12)), ("assign 12 to @maria", .assign(12, to: "@maria")),
            ("assign 12 to me", .assign(12, to: "me")), ("assign 12", .assign(12, to: nil)),
            ("alert history milk", .history(query: "milk")), ("alert history", .history(query: nil)),
            ("alert me when oat milk below 12", .threshold(product: "oat milk", below: 12)),
            ("tell me when croissant goes under 5", .threshold(product: "croissant", below: 5)),
            ("set reorder point croissant 20", .reorderPoint(product: "croissant", quantity: 20)),
            ("set reorder point for oat milk to 8", .reorderPoint(product: "oat milk", quantity: 8)),
            ("mute sales alerts for 3 days", .mute(kinds: [.salesDrop, .salesSpike], minutes: 4320)),
            ("mute low stock alerts", .mute(kinds: [.lowStock], minutes: 1440)),
            ("unmute sales alerts", .mute(kinds: [.salesDrop, .salesSpike], minutes: nil)),
            ("alert settings", .settings), ("alerts here", .here(true)), ("no alerts here", .here(false)),
        ])
    func parses(_ text: String, _ expected: AlertCommand) {
        #expect(IntentParser().parse(text) == .alert(expected))
    }

    @Test(
        "a command word with arguments it cannot read says how to say it",
        arguments: [
            ("ack", "Which alert? Say “ack 12”"), ("snooze 12 forever", "Snooze for a time like 2d"),
            ("mute coffee alerts", "I can mute sales, stock"),
            ("set reorder point croissant", "Say the product and the quantity"),
            ("alert me when oat milk is low", "Name the product and the quantity"),
            ("done", "Which task? Say “done 7”"),
            ("invite sam", "Invite whom?"), ("task:", "Say what and who"), ("revoke", "Revoke which invite?"),
        ])
    func usage(_ text: String, _ hint: String) {
        #expect(say(text).plainText.hasPrefix(hint))
    }

    @Test(
        "other sentences are not alert commands",
        arguments: [
            "stock low?", "sales today", "show me sales", "no thanks", "close to running out?", "done with the fridge",
            "make coffee",
        ])
    func notCommands(_ text: String) {
        switch IntentParser().parse(text) {
        case .alert, .team: Issue.record("“\(text)” parsed as a command")
        default: break
        }
    }

    @Test("“alerts” lists the open ones, most severe first")
    func list() throws {
        #expect(say("alerts").plainText == "No open alerts. ✅")
        _ = try evaluate()
        let lines = say("alerts").plainText.split(separator: "\n").map(String.init)
        #expect(lines[0] == "Open alerts (3)")
        #expect(lines[1].hasPrefix("🔴 #") && lines[1].contains("Out of stock: Croissant — none left"))
        #expect(lines.contains { $0.contains("Low stock: Oat Milk 1L — 4 left (alert at 12)") })
    }

    @Test("ack → assign → resolve, each recorded with who, and the alert's messages queued for an edit")
    func lifecycle() throws {
        _ = try evaluate()
        let id = try alertID("OAT-1", .lowStock)
        // The posted message, as the delivery loop would have recorded it.
        let post = try #require(try shop.store.dueDeliveries(now: .distantFuture).first)
        try shop.store.recordDelivery(id: post.id, outcome: .sent, answer: "ok", messageKey: "77", now: clock.now)

        #expect(say("ack \(id)", as: shop.staff).plainText.hasPrefix("Alert #\(id) acknowledged by Sam"))
        #expect(try shop.store.alert(id: id, orgID: shop.org.id)?.status == .acknowledged)
        let edit = try #require(try shop.store.dueDeliveries(now: .distantFuture).first { $0.kind == .edit })
        #expect(edit.refersTo == post.id && edit.target == "-100")

        // Sam wrote in the chat, so he can be assigned by handle or first name.
        #expect(say("assign \(id) to @sam").plainText.hasPrefix("Alert #\(id) assigned to Sam"))
        let assigned = try #require(try shop.store.alert(id: id, orgID: shop.org.id))
        #expect(assigned.status == .assigned && assigned.assigneeName == "Sam")

        let resolved = say("resolve \(id)")
        #expect(resolved.plainText.hasPrefix("Alert #\(id) resolved by Olive"))
        #expect(try shop.store.alert(id: id, orgID: shop.org.id)?.resolution == "by Olive")
        #expect(say("ack \(id)").plainText == "Alert #\(id) is already resolved (by Olive).")
        #expect(say("ack 999").plainText.hasPrefix("There is no alert #999"))
        #expect(
            try activity().suffix(3) == [
                "Sam acknowledged alert #\(id) (Low stock — Oat Milk 1L)",
                "Olive assigned alert #\(id) (Low stock — Oat Milk 1L) to Sam",
                "Olive resolved alert #\(id) (Low stock — Oat Milk 1L)",
            ])
    }

    @Test("buttons on the alert message act like the words")
    func buttons() throws {
        _ = try evaluate()
        let id = try alertID("CRO", .outOfStock)
        let shown = say("alert \(id)")
        #expect(shown.buttons.map(\.label) == ["Acknowledge", "Assign…", "Snooze 1 day", "Resolved"])
        let snooze = try #require(shown.buttons.first { $0.label == "Snooze 1 day" })
        #expect(say(snooze.action, action: snooze.action).plainText.contains("snoozed until"))
        #expect(try shop.store.alert(id: id, orgID: shop.org.id)?.snoozedUntil == clock.now.addingTimeInterval(86_400))

        // Assign… offers the people of the chat; a choice assigns by user id.
        say("hello", as: shop.staff)
        let choice = say("assign \(id)", action: "assign \(id)")
        let sam = try #require(choice.buttons.first { $0.label == "Sam (@sam)" })
        #expect(sam.action == "assign \(id) to id:2")
        #expect(say(sam.action, action: sam.action).plainText.hasPrefix("Alert #\(id) assigned to Sam"))
        #expect(say("assign \(id) to me").plainText.hasPrefix("Alert #\(id) assigned to Olive"))
        #expect(say("assign \(id) to nobody").plainText.contains("I don't know anyone called “nobody”"))
    }

    @Test("thresholds, reorder points, mutes and chat routing from chat; staff may not change them")
    func configuration() throws {
        #expect(
            say("alert me when crisps below 50", as: shop.staff).plainText
                == "Only a manager or the owner can change thresholds, reorder points, mutes, alert chats; you're a staff member."
        )
        let set = say("alert me when sea salt crisps below 50")
        #expect(set.plainText.hasPrefix("I'll alert when Sea Salt Crisps is below 50 (now 40)."))
        // Applied at once: the crisps alert is open.
        #expect(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).contains {
                $0.subject == "Sea Salt Crisps" && $0.threshold == 49
            })

        #expect(
            say("set reorder point barista 40").plainText == "Reorder point of Oat Milk Barista 1L set to 40 (was 6).")
        #expect(try shop.store.product(id: shop.products["OAT-B"]!.id)?.reorderPoint == 40)
        #expect(try shop.store.unresolvedAlerts(orgID: shop.org.id).contains { $0.subject == "Oat Milk Barista 1L" })

        #expect(
            say("mute sales alerts for 3 days").plainText.hasPrefix(
                "Sales drop, Sales spike alerts muted until Sat 28 Nov 14:30"))
        let rules = try shop.store.alertRuleSet(orgID: shop.org.id)
        #expect(rules.rule(.salesDrop).mutedUntil == clock.now.addingTimeInterval(3 * 86_400))
        #expect(rules.rule(.lowStock).mutedUntil == nil)
        #expect(say("unmute sales alerts").plainText == "Sales drop, Sales spike alerts are on again.")

        #expect(say("no alerts here").plainText == "This chat won't get alerts any more.")
        #expect(try shop.store.alertChats(orgID: shop.org.id).isEmpty)
        #expect(say("alerts here").plainText == "This chat will get the shop's alerts.")
        let settings = say("alert settings").plainText
        #expect(settings.contains("Own thresholds: Sea Salt Crisps below 50"))
        #expect(settings.contains("Chats getting alerts: Shop floor"))
        #expect(settings.contains("🔴 Out of stock: nothing left → chats · reminds every day"))
    }

    @Test("alert history shows a product's alerts with each delivery and its outcome")
    func history() throws {
        _ = try evaluate()
        let post = try #require(try shop.store.dueDeliveries(now: .distantFuture).first)
        try shop.store.recordDelivery(
            id: post.id, outcome: .retry, answer: "HTTP 502 from the Bot API", retryAt: clock.now, now: clock.now)
        try shop.store.recordDelivery(
            id: post.id, outcome: .failed, answer: "403 Forbidden: bot was kicked", now: clock.now)
        let text = say("alert history oat milk 1l").plainText
        #expect(text.hasPrefix("Alert history: Oat Milk 1L"))
        #expect(text.contains("alert → test chat: FAILED after 2 tries — 403 Forbidden: bot was kicked"))
    }

    @Test("an import that changes stock evaluates alerts in its transaction and says so")
    func importEvaluates() throws {
        _ = try evaluate()
        let csv = "sku,quantity\nSALT,2\nCRO,30\n"
        let reply = conversation.handle(
            ChatMessage(
                transport: "test", chat: group, sender: .init(userKey: "1", displayName: "Olive"), text: "",
                attachment: .init(fileName: "count.csv", size: csv.utf8.count) { Array(csv.utf8) }),
            file: Array(csv.utf8))
        #expect(reply.plainText.contains("Alerts: 1 new, 1 cleared (say “alerts”)"))
        let open = try shop.store.unresolvedAlerts(orgID: shop.org.id).map(\.subject)
        #expect(open.contains("Sea Salt Crisps") && !open.contains("Croissant"))
    }
}
