import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 22 in chat: forecasts, the order plan, purchase orders that silence and re-arm the low-stock alert.
@Suite struct OrderingConversationTests {
    let shop: SmallShop

    init() throws { shop = try SmallShop() }

    func say(_ text: String, as member: Member? = nil, at now: Date? = nil) -> Reply {
        let who = member ?? shop.owner
        return Conversation(store: shop.store, clock: FixedClock(now ?? shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c\(who.userKey)", kind: .privateChat),
                sender: .init(userKey: who.userKey, displayName: who.name), text: text))
    }

    func openLowStock(_ sku: String) throws -> Bool {
        try shop.store.unresolvedAlerts(orgID: shop.org.id).contains {
            $0.kind == .lowStock && $0.productID == shop.products[sku]!.id
        }
    }

    @Test func aPurchaseOrderSilencesTheAlertUntilItIsDueAndAReceiptClosesIt() throws {
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        #expect(try openLowStock("OAT-1"))
        // Staff may see orders, not place them.
        #expect(say("ordered 24 oat milk arriving friday", as: shop.staff).plainText.contains("manager"))
        let placed = say("ordered 24 oat milk arriving friday").plainText
        #expect(placed.contains("On order: 24 Oat Milk 1L, due Fri 27 Nov"), "\(placed)")
        #expect(try !openLowStock("OAT-1"), "silenced while on order")
        #expect(say("orders", as: shop.staff).plainText.contains("Oat Milk 1L: 24, due Fri 27 Nov (Olive)"))
        #expect(say("when will oat milk run out").plainText.contains("On order: 24, due Fri 27 Nov"))
        let stock = say("stock oat milk").plainText
        #expect(stock.contains("Forecast: ~") && stock.contains("On order: 24, due Fri 27 Nov"), "\(stock)")
        // Saturday, not received: the alert comes back.
        let saturday = shop.now.addingTimeInterval(3 * 86_400)
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: saturday)
        #expect(try openLowStock("OAT-1"), "re-armed past the due day")
        #expect(say("orders", at: saturday).plainText.contains("late"))
        // Part of it comes, then the rest: the order closes and the stock is counted up.
        #expect(say("received oat milk 10", at: saturday).plainText.contains("Still on order: 14"))
        let rest = say("received 14 oat milk", at: saturday).plainText
        #expect(rest.contains("28 in stock now") && !rest.contains("Still on order"), "\(rest)")
        #expect(try shop.store.openPurchaseOrders(orgID: shop.org.id).isEmpty)
        #expect(try !openLowStock("OAT-1"), "28 is above the reorder point of 12")
        // The product's order history is in its trend.
        let trend = say("how is oat milk doing", at: saturday).plainText
        #expect(trend.contains("Orders: 24 on "), "\(trend)")
        #expect(trend.contains(", received Sat 28 Nov"), "\(trend)")
        #expect(say("ordered 12 oat milk arriving tuesday", at: saturday).plainText.contains("On order: 12"))
        let both = say("how is oat milk doing", at: saturday).plainText
        #expect(both.contains("Orders: 12 on Sat 28 Nov, due Tue 1 Dec; 24 on "), "\(both)")
    }

    @Test func aDeliveryPastItsDueDayIsRemindedOnceInTheAlertChat() throws {
        let group = ChatMessage.Chat(id: "-500", kind: .group, title: "Staff room")
        _ = Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: group, sender: .init(userKey: shop.owner.userKey, displayName: "Olive"),
                text: "alerts here"))
        #expect(say("ordered 24 oat milk arriving friday").plainText.contains("due Fri 27 Nov"))
        let reminder = OverdueOrderReminder(store: shop.store, org: shop.org)
        func notices() throws -> [String] {
            try shop.store.database.query(
                "SELECT body FROM outbox WHERE target = '-500' AND kind = 'notice' ORDER BY id", [], { $0.string(0) })
        }
        // Friday afternoon it is still due (by the end of the day); Friday night it is late: one reminder.
        let friday = shop.org.calendar.startOfDay(shop.now, adding: 2)
        #expect(try reminder.remind(now: friday.addingTimeInterval(15 * 3600)) == 0)
        #expect(try reminder.remind(now: friday.addingTimeInterval(18 * 3600)) == 1)
        let sent = try notices()
        #expect(sent.count == 1)
        #expect(
            sent.first?.contains("A delivery is overdue:\n• 24 Oat Milk 1L, due Fri 27 Nov, ordered by Olive") == true)
        #expect(sent.first?.contains("“received oat milk 1l 24”") == true, "\(sent)")
        // Never twice, and not once it is received.
        #expect(try reminder.remind(now: friday.addingTimeInterval(30 * 3600)) == 0)
        #expect(try notices().count == 1)
    }

    /// The forecast reply's days start tomorrow, each with its own weekday's figure.
    @Test func theForecastsDaysAreTheDaysTheyAreFor() throws {
        let reply = say("forecast oat milk")
        guard case .table(let table) = reply.blocks.dropFirst().first else {
            Issue.record("no table: \(reply.plainText)")
            return
        }
        #expect(table.rows.first?.first == "Thu 26 Nov", "\(table.rows)")
        let history = try #require(
            try DemandHistory(store: shop.store, org: shop.org).forecast(
                product: shop.products["OAT-1"]!.id, now: shop.now, days: 8))
        #expect(table.rows.map { $0[1] } == history.daily.dropFirst().map { NumberText.short($0) })
    }

    @Test func theOrderPlanGroupsBySupplierAndSendsACSV() throws {
        #expect(say("oat milk comes in packs of 6").plainText.contains("packs of 6"))
        #expect(say("lead time oat milk 2 days").plainText.contains("2 days"))
        #expect(say("supplier oat milk Dairy Direct").plainText.contains("Oat Milk 1L comes from Dairy Direct"))
        #expect(try shop.store.product(id: shop.products["OAT-1"]!.id)?.packSize == 6)
        let plan = say("what should I order")
        #expect(
            plan.blocks.first.map {
                if case .title(let t) = $0 { return t.hasPrefix("What to order") } else { return false }
            } == true, "\(plan.plainText)")
        #expect(plan.plainText.contains("— Dairy Direct —"), "\(plan.plainText)")
        let file = say("order list for dairy direct")
        let csv = String(decoding: try #require(file.attachments.first).bytes, as: UTF8.self)
        #expect(csv.hasPrefix("sku,name,quantity,pack_size\nOAT-1,Oat Milk 1L,"), "\(csv)")
        let quantity = Int(csv.split(separator: "\n")[1].split(separator: ",")[2]) ?? -1
        #expect(quantity > 0 && quantity % 6 == 0, "whole packs: \(csv)")
    }

    /// The Approve button records the list as it was shown, once, and only for a manager or owner.
    @Test func theApproveButtonOrdersWhatTheListShowed() throws {
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        #expect(try openLowStock("OAT-1"))
        #expect(say("supplier oat milk Dairy Direct").plainText.contains("Dairy Direct"))
        let list = say("order list")
        let button = try #require(list.buttons.first { $0.label.contains("Dairy Direct") }, "\(list.buttons)")
        #expect(button.action.hasPrefix("approve order "), "\(button)")
        let second = try #require(say("order list").buttons.first { $0.label.contains("Dairy Direct") })
        #expect(second.action != button.action, "each list shown is kept as shown")
        let shown = try #require(
            list.plainText.split(separator: "\n").first { $0.hasPrefix("Oat Milk 1L: ") }, "\(list.plainText)")
        let quantity = try #require(Int(shown.dropFirst("Oat Milk 1L: ".count).prefix { $0.isNumber }))
        // A sale after the list was shown does not change what the button orders.
        try shop.store.recordStock(
            productID: shop.products["OAT-1"]!.id, quantity: 1, countedAt: shop.now, reason: "count")

        #expect(say(button.action, as: shop.staff).plainText.contains("manager"))
        #expect(try shop.store.openPurchaseOrders(orgID: shop.org.id).isEmpty)
        let approved = say(button.action).plainText
        #expect(approved.contains("On order from Dairy Direct: 1 line"), "\(approved)")
        #expect(approved.contains("Oat Milk 1L: \(quantity), due "), "\(approved)")
        let orders = try shop.store.openPurchaseOrders(orgID: shop.org.id)
        #expect(orders.map(\.quantity) == [quantity] && orders.first?.productID == shop.products["OAT-1"]!.id)
        #expect(try !openLowStock("OAT-1"), "silenced while on order")

        // Pressed again (or the callback delivered twice): nothing more is ordered.
        #expect(say(button.action).plainText.contains("Olive approved that order"))
        #expect(try shop.store.openPurchaseOrders(orgID: shop.org.id).count == 1)
        // Another org's list, or one let go, is not found; a list three days old is not approved.
        #expect(say("approve order 999999").plainText.contains("no longer have that order list"))
        let later = shop.now.addingTimeInterval(3 * 86_400)
        #expect(say(second.action, at: later).plainText.contains("stock has moved since"))
        #expect(try shop.store.openPurchaseOrders(orgID: shop.org.id).count == 1)
    }

    @Test func aForecastSaysHowGoodItHasBeen() {
        let reply = say("forecast oat milk").plainText
        #expect(reply.contains("Forecast: Oat Milk 1L") && reply.contains("Usually within ±"), "\(reply)")
        let shopWide = say("forecast sales next week").plainText
        #expect(shopWide.contains("Forecast: sales, next 7 days") && shopWide.contains("Takings"), "\(shopWide)")
        #expect(say("forecast unicorn dust").kind == .notUnderstood)
        let dairy = say("forecast dairy next week").plainText
        #expect(dairy.contains("Forecast: Dairy, next 7 days") && dairy.contains("Oat Milk 1L"), "\(dairy)")
    }

    /// Looking ahead asked the way staff type it: each reaches the forecast it asks for, never the stock-outs
    /// already past or "I can't answer that yet".
    @Test(arguments: [
        ("how many croissants will we sell tomorrow", Intent.ordering(.forecast(query: "croissants"))),
        ("how much oat milk will we sell next week", .ordering(.forecast(query: "oat milk"))),
        ("how many oat milk will we need next week", .ordering(.forecast(query: "oat milk"))),
        ("demand for oat milk next week", .ordering(.forecast(query: "oat milk"))),
        ("forecast oat milk tomorrow", .ordering(.forecast(query: "oat milk"))),
        ("expected sales next week", .ordering(.shopForecast)),
        ("sales forecast", .ordering(.shopForecast)),
        ("forecast tomorrow", .ordering(.shopForecast)),
        ("how much will we make this weekend", .ordering(.shopForecast)),
        ("how busy will we be tomorrow", .ordering(.shopForecast)),
        ("will we run out of oat milk", .ordering(.runOut(query: "oat milk"))),
        ("are we going to run out of bananas", .ordering(.runOut(query: "bananas"))),
        ("how long will the oat milk last", .ordering(.runOut(query: "oat milk"))),
        ("days of cover oat milk", .ordering(.runOut(query: "oat milk"))),
        ("whats the forecast for tomorrow", .ordering(.shopForecast)),
        ("what's the forecast for oat milk", .ordering(.forecast(query: "oat milk"))),
        ("how much stock do I need for next week", .ordering(.orderList(supplier: nil))),
        ("we ordered 24 oat milk", .ordering(.ordered(quantity: 24, query: "oat milk", due: nil))),
        (
            "i ordered 12 croissants for tomorrow",
            .ordering(.ordered(quantity: 12, query: "croissants", due: "tomorrow"))
        ),
        ("order placed: 24 oat milk due friday", .ordering(.ordered(quantity: 24, query: "oat milk", due: "friday"))),
        ("24 oat milk arrived", .ordering(.received(quantity: 24, query: "oat milk"))),
        ("oat milk arrived, 24", .ordering(.received(quantity: 24, query: "oat milk"))),
        ("got 24 oat milk delivered", .ordering(.received(quantity: 24, query: "oat milk"))),
        ("received 2 cases of oat milk", .ordering(.receivedPacks(packs: 2, query: "oat milk"))),
        ("any orders due", .ordering(.purchaseOrders)),
        ("deliveries due today", .ordering(.purchaseOrders)),
        ("what should i order from dairy direct", .ordering(.orderList(supplier: "dairy direct"))),
        ("order list dairy direct", .ordering(.orderList(supplier: "dairy direct"))),
        ("how much oat milk should i order", .ordering(.orderFor(query: "oat milk"))),
        ("should i order more croissants", .ordering(.orderFor(query: "croissants"))),
        ("oat milk lead time 3 days", .ordering(.leadTime(query: "oat milk", days: 3))),
        ("oat milk takes 2 days to arrive", .ordering(.leadTime(query: "oat milk", days: 2))),
        ("oat milk minimum order 24", .ordering(.minimumOrder(query: "oat milk", units: 24))),
        ("we get oat milk from Dairy Direct", .ordering(.supplier(text: "oat milk Dairy Direct"))),
        ("oat milk supplier is Dairy Direct", .ordering(.supplier(text: "oat milk Dairy Direct"))),
        ("set supplier for croissants to Le Four", .ordering(.supplier(text: "croissants Le Four"))),
        ("supplier for bananas is Fruit Co", .ordering(.supplier(text: "bananas Fruit Co"))),
        ("supplier oat milk Dairy Direct", .ordering(.supplier(text: "oat milk Dairy Direct"))),
        ("sales next week", .ordering(.shopForecast)),
        ("takings tomorrow", .ordering(.shopForecast)),
        ("oat milk next week", .ordering(.forecast(query: "oat milk"))),
        ("croissants tomorrow", .ordering(.forecast(query: "croissants"))),
        ("will oat milk last the weekend", .ordering(.runOut(query: "oat milk"))),
        ("do we have enough oat milk for the weekend", .ordering(.runOut(query: "oat milk"))),
        ("enough croissants for tomorrow?", .ordering(.runOut(query: "croissants"))),
        ("top products next week", .notYet(.forecast)),
        ("worst sellers next month", .notYet(.forecast)),
        ("what will run out next week", .lowStock),
        ("which products will run out soon", .lowStock),
    ])
    func plainWordsReachTheForecast(_ text: String, _ expected: Intent) {
        #expect(IntentParser().parse(text) == expected)
    }

    @Test func pastAndPresentQuestionsAreNotForecasts() {
        #expect(IntentParser().parse("what ran out this week") == .stockOuts(.thisWeek))
        #expect(IntentParser().parse("how many oat milk left") == .productStock(query: "oat milk"))
        #expect(IntentParser().parse("how much will 5 lattes cost") != .ordering(.shopForecast))
        if case .ordering = IntentParser().parse("how many croissants did we sell yesterday") {
            Issue.record("a past day's sales read as a forecast")
        }
    }

    @Test func deliveriesCountedInPacksNeedThePackSize() throws {
        let unknown = say("received 2 cases of oat milk").plainText
        #expect(unknown.contains("No pack size is set"), "\(unknown)")
        let before = try #require(try shop.store.stockQuantity(productID: shop.products["OAT-1"]!.id))
        _ = say("oat milk comes in packs of 12")
        let counted = say("received 2 cases of oat milk").plainText
        #expect(counted.contains("2 × 12 = 24 units") && counted.contains("Received 24 Oat Milk 1L"), "\(counted)")
        #expect(try shop.store.stockQuantity(productID: shop.products["OAT-1"]!.id) == before + 24)
        // Staff may not book deliveries in, in packs or not.
        #expect(say("received 2 cases of oat milk", as: shop.staff).plainText.contains("manager"))
    }

    @Test func oneProductsOrderIsItsLineOfThePlan() throws {
        // Oat milk is low: its line is the list's, quantity and all.
        let reply = say("how much oat milk should i order").plainText
        let list = say("what should I order").plainText
        #expect(reply.hasPrefix("Order Oat Milk 1L: "), "\(reply)")
        let line = try #require(reply.split(separator: "\n").first).dropFirst("Order ".count)
        #expect(list.contains(line), "\(reply) / \(list)")
        // Restocked, it needs nothing yet, and says how long it lasts.
        _ = say("received oat milk 400")
        let later = say("how much oat milk should i order").plainText
        #expect(later.hasPrefix("No need to order Oat Milk 1L yet") && later.contains("in stock"), "\(later)")
    }

    @Test func aProductOutOfStockIsSaidToBeOutNotToRunOutToday() throws {
        try shop.store.recordStock(
            productID: shop.products["CRO"]!.id, quantity: 0, countedAt: shop.now.addingTimeInterval(-60),
            reason: "count")
        let reply = say("will we run out of croissants").plainText
        #expect(reply.hasPrefix("Croissant is out of stock now"), "\(reply)")
    }
}
