import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 26: last week's cards on a small shop with planted happenings: a product selling far above its usual,
/// one out of stock for three days, one spiking on a single day, one as usual.
@Suite struct WeeklyInsightsTests {
    let directory = TemporaryDirectory()

    /// Nine weeks to Sunday 22 November 2026; "now" is Wednesday 25 November, 10:00 in London.
    func shop(planted: Bool) throws -> (Store, Org, Date) {
        let store = try Store(path: directory.file(planted ? "planted.sqlite" : "quiet.sqlite"))
        var org = try store.ensureOrg(name: "Corner Café", timeZone: TimeZone(identifier: "Europe/London")!)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        let calendar = org.calendar
        let catalog: [(sku: String, name: String, price: Int, base: Int)] = [
            ("LAT", "Latte", 300, 20), ("CRO", "Croissant", 250, 15), ("MUF", "Muffin", 200, 10),
            ("TEA", "Tea", 150, 8),
        ]
        var ids: [String: Int64] = [:]
        for item in catalog {
            ids[item.sku] = try store.upsertProduct(
                Product(sku: item.sku, name: item.name, unitPrice: item.price), orgID: org.id)
        }
        let first = calendar.date(dayKey: "2026-09-21")!
        let lastWeek = calendar.date(dayKey: "2026-11-16")!
        try store.writeSales(org: org) { writer in
            for day in 0..<63 {
                let date = calendar.startOfDay(first, adding: day)
                let inLastWeek = date >= lastWeek
                let weekday = day % 7  // 0 = Monday
                for (index, item) in catalog.enumerated() {
                    var units = item.base + (weekday == 5 ? item.base / 2 : 0) + ((day * 7919 + index * 31) % 5) - 2
                    if planted && inLastWeek {
                        if item.sku == "LAT" { units = units * 9 / 5 }
                        if item.sku == "CRO" && (2...4).contains(weekday) { units = 0 }
                        if item.sku == "MUF" && weekday == 3 { units += 50 }
                    }
                    guard units > 0 else { continue }
                    try writer.upsert(
                        SaleLine(
                            source: "test", orderID: "\(day)-\(item.sku)", line: 1,
                            soldAt: date.addingTimeInterval(12 * 3600), productID: ids[item.sku]!, quantity: units,
                            unitPrice: item.price, total: units * item.price))
                }
            }
        }
        if planted {
            // Croissants counted out on Wednesday morning, restocked on Saturday morning.
            try store.recordStock(
                productID: ids["CRO"]!, quantity: 0,
                countedAt: calendar.date(dayKey: "2026-11-18")!.addingTimeInterval(300),
                reason: "count")
            try store.recordStock(
                productID: ids["CRO"]!, quantity: 40,
                countedAt: calendar.date(dayKey: "2026-11-21")!.addingTimeInterval(300), reason: "count")
        }
        return (store, org, calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(10 * 3600))
    }

    @Test func thePlantedHappeningsAreFoundAndRankedByMoney() throws {
        let (store, org, now) = try shop(planted: true)
        let insights = WeeklyInsights(store: store, org: org)
        #expect(insights.lastWeek(now: now).start == org.calendar.date(dayKey: "2026-11-16"))
        let cards = try insights.cards(now: now)
        #expect(cards.count == 3, "\(cards)")
        #expect(cards.map(\.money) == cards.map(\.money).sorted(by: >))
        guard cards.count == 3 else { return }
        guard case .trend("Latte", let actual, let usual) = cards[0].kind else {
            Issue.record("first card: \(cards[0])")
            return
        }
        #expect(actual > usual * 1.6)
        guard case .lostSales("Croissant", 3, let lost) = cards[1].kind else {
            Issue.record("second card: \(cards[1])")
            return
        }
        #expect(lost > 40 && lost < 50)
        // £2.50 a croissant.
        #expect(cards[1].money == Int((lost * 250).rounded()))
        guard case .anomaly("Muffin", let day, let spike, _) = cards[2].kind else {
            Issue.record("third card: \(cards[2])")
            return
        }
        #expect(day == org.calendar.date(dayKey: "2026-11-19") && spike > 55)
        let reply = WeeklyInsightsText(org: org, now: now).reply(cards, week: insights.lastWeek(now: now))
        #expect(reply.plainText.hasPrefix("Last week (Mon 16 – Sun 22 Nov): 3 things worth a look"))
        #expect(reply.plainText.contains("2. Croissant was out 3 days"))
        #expect(reply.buttons.map(\.label).contains("How is Latte doing"))
    }

    @Test func aProductsDayFarFromItsUsualOpensAnInfoAlertOnce() throws {
        let (store, org, _) = try shop(planted: true)
        // Friday 20 November, 10:00: Wednesday and Thursday are judged.
        let friday = org.calendar.date(dayKey: "2026-11-20")!.addingTimeInterval(10 * 3600)
        let engine = AlertEngine(store: store, org: org)
        let first = try engine.evaluate(now: friday)
        let muffin = try #require(first.opened.first { $0.kind == .productAnomaly && $0.subject == "Muffin" })
        #expect(muffin.severity == .info && muffin.day == "2026-11-19")
        #expect(muffin.value > 55 && (8...12).contains(muffin.threshold ?? 0))
        #expect(!first.opened.contains { $0.kind == .productAnomaly && $0.subject == "Tea" })
        // Evaluated again, the same day's cause is the same alert, not a second one.
        let again = try engine.evaluate(now: friday.addingTimeInterval(3600))
        #expect(!again.opened.contains { $0.kind == .productAnomaly && $0.subject == "Muffin" })
        let text = AlertText(org: org, now: friday).detail(muffin)
        #expect(text.hasPrefix("\(muffin.value) sold on Thu 19 Nov, where \(muffin.threshold ?? 0) is usual"))
    }

    @Test func aQuietWeekSaysSoInOneLine() throws {
        let (store, org, now) = try shop(planted: false)
        let insights = WeeklyInsights(store: store, org: org)
        let cards = try insights.cards(now: now)
        #expect(cards.isEmpty, "\(cards)")
        let text = WeeklyInsightsText(org: org, now: now).reply(cards, week: insights.lastWeek(now: now)).plainText
        #expect(
            text
                == "Last week (Mon 16 – Sun 22 Nov) was quiet: no stock-outs, trends, margin or staffing worth your time."
        )
    }

    @Test func theWeeklyRunSendsOnceAWeek() async throws {
        let (store, org, _) = try shop(planted: true)
        _ = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        try store.recordChat(orgID: org.id, transport: "test", chatKey: "-100", kind: "group", title: "Floor")
        try store.setChatReceivesAlerts(true, transport: "test", chatKey: "-100")
        let service = try ConversationService(databasePath: directory.file("planted.sqlite"), orgID: org.id)
        let job = ScheduledJob(
            name: "weekly_insights", schedule: try CronExpression("0 8 * * 1"), timeZone: org.timeZone)
        let monday = org.calendar.date(dayKey: "2026-11-23")!
        #expect(try await service.postWeeklyInsights(now: monday.addingTimeInterval(7 * 3600), job: job) == 0)
        #expect(try await service.postWeeklyInsights(now: monday.addingTimeInterval(8 * 3600 + 30), job: job) == 1)
        #expect(try await service.postWeeklyInsights(now: monday.addingTimeInterval(20 * 3600), job: job) == 0)
        #expect(try await service.postWeeklyInsights(now: monday.addingTimeInterval(3 * 86_400), job: job) == 0)
        let sent = try store.dueDeliveries(now: .distantFuture, limit: 50).filter { $0.kind == .notice }
        #expect(sent.count == 1 && sent[0].target == "-100")
        #expect(sent[0].body?.hasPrefix("Last week (Mon 16 – Sun 22 Nov): 3 things worth a look") == true)
    }
}
