import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

@Suite struct ConversationTests {
    let shop: SmallShop
    let conversation: Conversation

    init() throws {
        shop = try SmallShop()
        conversation = Conversation(store: shop.store, clock: FixedClock(shop.now))
    }

    func ask(_ text: String, as member: Member? = nil, action: String? = nil) -> Reply {
        let member = member ?? shop.owner
        let reply = conversation.handle(
            ChatMessage(
                transport: member.transport, chat: .init(id: "c1", kind: .privateChat),
                sender: .init(userKey: member.userKey, displayName: member.name), text: text, action: action))
        for case .table(let table) in reply.blocks {
            for line in table.rendered().split(separator: "\n") {
                #expect(line.count <= Table.maxWidth, "“\(line)” is too wide for a phone")
            }
        }
        return reply
    }

    /// The value and change on the table row that starts with `label`.
    func row(_ reply: Reply, _ label: String) -> [String] {
        guard let line = reply.plainText.split(separator: "\n").first(where: { $0.hasPrefix(label) }) else { return [] }
        return line.dropFirst(label.count).split(separator: " ").map(String.init)
    }

    @Test func salesYesterdayComparesWithTheSameDayLastWeek() {
        let reply = ask("sales yesterday")
        #expect(reply.blocks.first == .title("Sales yesterday (Tue 24 Nov)"))
        #expect(row(reply, "Revenue") == ["£9.30", "+37%"])
        #expect(row(reply, "Units") == ["4", "+33%"])
        #expect(row(reply, "Orders") == ["2", "+100%"])
        #expect(row(reply, "Avg basket") == ["£4.65", "-32%"])
        #expect(reply.plainText.contains("vs Tue 17 Nov: £6.80, 1 order"))
    }

    @Test func salesTodayCountsOnlyUntilNow() {
        let reply = ask("sales today")
        #expect(reply.blocks.first == .title("Sales today (Wed 25 Nov to 14:30)"))
        // The 16:00 order has not happened yet at 14:30.
        #expect(row(reply, "Revenue") == ["£2.40", "+100%"])
        #expect(row(reply, "Orders") == ["1", "0%"])
        #expect(reply.plainText.contains("vs Wed 18 Nov to 14:30: £1.20, 1 order"))
    }

    @Test func salesThisWeekStartsOnMonday() {
        let reply = ask("/sales this week")
        #expect(reply.blocks.first == .title("Sales this week (Mon 23 – Wed 25 Nov to 14:30)"))
        #expect(reply.plainText.contains("£11.70"))
    }

    @Test func aTypoIsForgiven() {
        #expect(ask("sales yesteday") == ask("sales yesterday"))
    }

    @Test func lowStockListsOutOfStockFirstThenLeastCover() {
        let reply = ask("stock low?")
        #expect(reply.blocks.first == .title("Low stock: 3 products, 1 out"))
        let lines = reply.plainText.split(separator: "\n").map(String.init)
        let croissant = lines.firstIndex { $0.hasPrefix("Croissant") }
        let oatMilk = lines.firstIndex { $0.hasPrefix("Oat Milk 1L") }
        let eggs = lines.firstIndex { $0.hasPrefix("Free Range Eggs") }
        #expect(croissant != nil && oatMilk != nil && eggs != nil)
        #expect(croissant! < oatMilk! && oatMilk! < eggs!)
        #expect(lines[croissant!].hasSuffix("out"))
        #expect(!reply.plainText.contains("Sea Salt"))
    }

    @Test func stockOfOneProduct() {
        let reply = ask("stock oat milk")
        #expect(reply.blocks.first == .title("Oat Milk 1L · OAT-1"))
        let text = reply.plainText
        #expect(text.contains("In stock: 4 (reorder at 12) — low"))
        #expect(text.contains("Last sold: yesterday 08:00"))
        #expect(text.contains("Counted: today 07:00"))
        #expect(reply.buttons == [Reply.Button(label: "Oat Milk Barista 1L", action: "stock OAT-B")])
    }

    @Test func aButtonPressIsHandledAsItsAction() {
        let reply = ask("1", action: "stock OAT-B")
        #expect(reply.blocks.first == .title("Oat Milk Barista 1L · OAT-B"))
        #expect(reply.plainText.contains("In stock: 30 (reorder at 6)"))
    }

    @Test func anUnknownProductSaysSo() {
        let reply = ask("how many pineapples left")
        #expect(reply.plainText.contains("I don't know a product called “pineapples”"))
    }

    @Test func helpListsWhatTheBotDoes() {
        let reply = ask("help")
        #expect(reply.blocks.first == .title("OpsBot for Test Shop"))
        #expect(reply.plainText.contains("stock low?"))
        #expect(reply.plainText.contains("sales today"))
        #expect(!reply.buttons.isEmpty)
    }

    @Test func nonsenseGetsTwoThingsToTry() {
        // (Not "monkey": one letter from "money", it reads as a sales question, as the typo rule says.)
        let reply = ask("purple elephant dishwasher")
        #expect(reply.plainText.hasPrefix("Sorry, I didn't get that. Try"))
        #expect(reply.buttons.count == 2)
    }

    @Test func onlyTheOwnerChangesSettings() throws {
        let refused = ask("settings currency USD", as: shop.staff)
        #expect(
            refused.plainText
                == "Only the owner can see and change the shop's settings (name, time zone, currency); you're a staff member."
        )
        #expect(try shop.store.org(id: shop.org.id).currency.code == "GBP")

        let saved = ask("settings currency USD")
        #expect(saved.plainText.hasPrefix("Saved."))
        #expect(!saved.plainText.contains("Change one with"), "issue 20, point 10: not right after a change")
        #expect(ask("settings").plainText.contains("Change one with"))
        #expect(try shop.store.org(id: shop.org.id).currency.code == "USD")
        #expect(ask("sales yesterday").plainText.contains("$9.30"))
        #expect(ask("settings timezone Mars/Olympus").plainText.contains("not a time zone I know"))
    }

    @Test func aStrangerIsToldTheyAreNotAMember() {
        let reply = conversation.handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c9", kind: .privateChat),
                sender: .init(userKey: "999", displayName: "Eve"), text: "sales today"))
        #expect(reply.plainText.contains("You're not a member of Test Shop yet"))
        #expect(!reply.plainText.contains("£"))
    }

    @Test func figuresMatchAnIndependentQueryOverTheLines() throws {
        let yesterday = shop.org.calendar.date(dayKey: "2026-11-24")!
        let revenue = try shop.store.database.queryInt(
            "SELECT SUM(total) FROM sales WHERE sold_at >= ? AND sold_at < ?",
            [
                .integer(Int64(yesterday.timeIntervalSince1970)),
                .integer(Int64(yesterday.timeIntervalSince1970) + 86_400),
            ])
        #expect(ask("sales yesterday").plainText.contains(MoneyFormatter(currency: shop.org.currency).format(revenue)))
    }
}
