import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Issue 26 on the demo shop, whose planted stories the briefings must find: the catering orders of banana
/// bread (last Thursday and yesterday), the overstaffed Tuesday afternoons and short Saturday lunches, and the
/// reviews of empty shelves and queues.
@Suite struct DemoBriefingTests {
    let store: Store
    let org: Org
    let now: Date

    init() throws {
        store = try Store.inMemory()
        var org = try store.ensureOrg(name: "Corner Café", timeZone: TimeZone(identifier: "Europe/London")!)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        self.org = org
        now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        _ = try DemoShop(seed: 42, now: now, days: 120).generate(into: store, org: org)
    }

    @Test func theWeeklyCardsFindThePlantedStoriesRankedByMoney() throws {
        let cards = try WeeklyInsights(store: store, org: org).cards(now: now)
        #expect(cards.count <= 5 && cards.map(\.money) == cards.map(\.money).sorted(by: >))
        #expect(
            cards.contains {
                if case .anomaly("Banana Bread", let day, let sold, _) = $0.kind {
                    return day == org.calendar.date(dayKey: "2026-11-19") && sold >= 60
                }
                return false
            }, "\(cards)")
        #expect(cards.contains { if case .overstaffed = $0.kind { return true } else { return false } }, "\(cards)")
    }

    @Test func yesterdaysCateringOrderOpensAnUnusualSalesAlert() throws {
        _ = try AlertEngine(store: store, org: org).evaluate(now: now)
        let alerts = try store.unresolvedAlerts(orgID: org.id).filter { $0.kind == .productAnomaly }
        let banana = try #require(alerts.first { $0.subject == "Banana Bread" })
        #expect(banana.day == "2026-11-24" && banana.value >= 60 && banana.severity == .info)
    }

    @Test func theReviewsTellOfQueuesAndEmptyShelvesAndTheDataAgrees() {
        let reply = Conversation(store: store, clock: FixedClock(now)).handle(
            ChatMessage(
                transport: "console", chat: .init(id: "local", kind: .privateChat),
                sender: .init(userKey: "maria", displayName: "Maria"), text: "reviews last 2 months")
        ).plainText
        #expect(reply.contains("Waiting: ") && reply.contains("unhappy"), "\(reply)")
        #expect(reply.contains("Availability: ") && reply.contains("was out"), "\(reply)")
    }

    @Test func theMorningSummaryIsTheKPIs() throws {
        let summary = try DailySummary.make(store: store, org: org, now: now)
        let calendar = org.calendar
        let yesterday = try SalesMetrics(store: store, org: org).totals(
            from: calendar.date(dayKey: "2026-11-24")!, to: calendar.date(dayKey: "2026-11-25")!)
        #expect(summary.sales == yesterday && summary.sales.revenue > 0)
        #expect(summary.openAlerts == (try store.unresolvedAlerts(orgID: org.id).count))
    }
}
