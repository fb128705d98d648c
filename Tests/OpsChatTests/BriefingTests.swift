import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 26: the morning summary — its figures, where it goes, and its schedule (once a run, the shop's zone,
/// daylight saving, downtime).
@Suite struct BriefingTests {
    let directory = TemporaryDirectory()

    func say(_ shop: SmallShop, _ text: String, chat: String = "c1", kind: ChatMessage.ChatKind = .privateChat) -> Reply
    {
        Conversation(store: shop.store, clock: FixedClock(shop.now)).handle(
            ChatMessage(
                transport: "test", chat: .init(id: chat, kind: kind),
                sender: .init(userKey: shop.owner.userKey, displayName: "Olive"), text: text))
    }

    @Test func theSummarysFiguresAreTheKPIQueries() throws {
        let shop = try SmallShop()
        let summary = try DailySummary.make(store: shop.store, org: shop.org, now: shop.now)
        let calendar = shop.org.calendar
        let yesterday = try SalesMetrics(store: shop.store, org: shop.org).totals(
            from: calendar.date(dayKey: "2026-11-24")!, to: calendar.date(dayKey: "2026-11-25")!)
        #expect(summary.sales == yesterday && summary.sales.revenue == 930 && summary.sales.orders == 2)
        #expect(summary.weekBefore.revenue == 680 && summary.weekBefore.orders == 1)
        #expect(summary.top?.name == "Croissant" && summary.top?.revenue == 520)
        let text = DailySummaryText(org: shop.org, now: shop.now).text(summary)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "Yesterday (Tue 24 Nov)")
        #expect(lines[1] == "Sales £9.30 (+37% on Tue 17 Nov), 2 orders (+1)")
        #expect(lines[2] == "Top: Croissant, £5.20 (2 sold)")
        // The same figures as the answer to "sales yesterday".
        let answer = say(shop, "sales yesterday").plainText
        #expect(answer.contains("£9.30") && answer.contains("+37%"))
        #expect(say(shop, "summary").plainText == text)
    }

    func service(_ shop: SmallShop) throws -> ConversationService {
        try ConversationService(databasePath: directory.file("shop.sqlite"), orgID: shop.org.id)
    }

    func notices(_ shop: SmallShop, to target: String) throws -> [OutboxItem] {
        try shop.store.dueDeliveries(now: Date.distantFuture, limit: 100).filter {
            $0.kind == .notice && $0.target == target
        }
    }

    @Test func oneRunOneMessageToTheAlertChatsAndAMissedRunCaughtUpOnce() async throws {
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        try shop.store.recordChat(orgID: shop.org.id, transport: "test", chatKey: "-100", kind: "group", title: "Floor")
        try shop.store.setChatReceivesAlerts(true, transport: "test", chatKey: "-100")
        let service = try service(shop)
        let job = ScheduledJob(
            name: "daily_summary", schedule: try CronExpression("0 8 * * *"), timeZone: shop.org.timeZone)
        let day = shop.org.calendar.date(dayKey: "2026-11-25")!
        #expect(try await service.postDailySummary(now: day.addingTimeInterval(7 * 3600), job: job) == 0)  // first look
        #expect(try await service.postDailySummary(now: day.addingTimeInterval(8 * 3600 + 30), job: job) == 1)
        #expect(try await service.postDailySummary(now: day.addingTimeInterval(8 * 3600 + 300), job: job) == 0)
        #expect(try await service.postDailySummary(now: day.addingTimeInterval(23 * 3600), job: job) == 0)
        // Down for two mornings, back at 11:00 on the third: one summary, not three.
        let back = shop.org.calendar.date(dayKey: "2026-11-28")!.addingTimeInterval(11 * 3600)
        #expect(try await service.postDailySummary(now: back, job: job) == 1)
        #expect(try await service.postDailySummary(now: back.addingTimeInterval(60), job: job) == 0)
        let sent = try notices(shop, to: "-100")
        #expect(sent.count == 2 && sent[0].body?.hasPrefix("Yesterday (Tue 24 Nov)") == true)
        #expect(sent[1].body?.hasPrefix("Yesterday (Fri 27 Nov)") == true)
    }

    @Test func summaryHereSendsItToThatChat() async throws {
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        try shop.store.recordChat(orgID: shop.org.id, transport: "test", chatKey: "-100", kind: "group", title: "Floor")
        try shop.store.setChatReceivesAlerts(true, transport: "test", chatKey: "-100")
        #expect(say(shop, "summary here", chat: "-200", kind: .group).plainText.hasPrefix("The morning summary"))
        #expect(say(shop, "summary here", chat: "-300", kind: .group).plainText.hasPrefix("The morning summary"))
        try await service(shop).postDailySummary(now: shop.now, job: nil)
        #expect(try notices(shop, to: "-300").count == 1)
        #expect(try notices(shop, to: "-200").isEmpty && notices(shop, to: "-100").isEmpty)
    }

    @Test func theScheduleFollowsTheShopsZoneAcrossTheClocksGoingForward() async throws {
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        try shop.store.recordChat(orgID: shop.org.id, transport: "test", chatKey: "1", kind: "private", title: nil)
        let service = try service(shop)
        let job = ScheduledJob(
            name: "daily_summary", schedule: try CronExpression("0 8 * * *"), timeZone: shop.org.timeZone)
        let utc = { (text: String) in ISO8601DateFormatter().date(from: text)! }
        // London: 08:00 is 08:00 UTC on Saturday 27 March 2027, and 07:00 UTC on Sunday, in summer time.
        #expect(try await service.postDailySummary(now: utc("2027-03-27T07:00:00Z"), job: job) == 0)
        #expect(try await service.postDailySummary(now: utc("2027-03-27T08:00:30Z"), job: job) == 1)
        #expect(try await service.postDailySummary(now: utc("2027-03-28T06:59:00Z"), job: job) == 0)
        #expect(try await service.postDailySummary(now: utc("2027-03-28T07:00:30Z"), job: job) == 1)
    }

    @Test func aShopWithNoSalesYetGetsNoSummary() async throws {
        let store = try Store(path: directory.file("empty.sqlite"))
        let org = try store.ensureOrg(name: "New", timeZone: TimeZone(identifier: "Europe/London")!)
        _ = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        let service = try ConversationService(databasePath: directory.file("empty.sqlite"), orgID: org.id)
        #expect(try await service.postDailySummary(now: Date(), job: nil) == 0)
    }
}
