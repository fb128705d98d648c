import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Every figure the KPI answers print, checked against a query over the raw sales lines of a demo shop.
@Suite struct KPIFigureTests {
    let store: Store
    let org: Org
    let now: Date
    let conversation: Conversation
    let owner: Member

    init() throws {
        store = try Store.inMemory()
        var org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        self.org = org
        now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        try DemoShop(seed: 5, now: now, days: 70).generate(into: store, org: org)
        owner = try store.upsertMember(orgID: org.id, transport: "test", userKey: "1", name: "Olive", role: .owner)
        conversation = Conversation(store: store, clock: FixedClock(now))
    }

    func ask(_ text: String) -> Reply {
        let reply = conversation.handle(
            ChatMessage(
                transport: "test", chat: .init(id: "c", kind: .privateChat),
                sender: .init(userKey: "1", displayName: "Olive"),
                text: text))
        for case .table(let table) in reply.blocks {
            for line in table.rendered().split(separator: "\n") { #expect(line.count <= Table.maxWidth, "\(line)") }
        }
        return reply
    }

    func money(_ cents: Int) -> String { MoneyFormatter(currency: org.currency).format(cents) }

    func seconds(_ day: String) -> Int64 { Int64(org.calendar.date(dayKey: day)!.timeIntervalSince1970) }

    func raw(_ sql: String, from: String, to: String, _ extra: [SQLValue] = []) throws -> Int {
        try store.database.queryInt(sql, [.integer(seconds(from)), .integer(seconds(to))] + extra)
    }

    @Test func salesLastWeekWithMargin() throws {
        let reply = ask("sales last week")
        let revenue = try raw(
            "SELECT SUM(total) FROM sales WHERE sold_at >= ? AND sold_at < ?", from: "2026-11-16", to: "2026-11-23")
        let margin = try raw(
            "SELECT SUM(total) - SUM(cost) FROM sales WHERE cost IS NOT NULL AND sold_at >= ? AND sold_at < ?",
            from: "2026-11-16", to: "2026-11-23")
        let previous = try raw(
            "SELECT SUM(total) FROM sales WHERE sold_at >= ? AND sold_at < ?", from: "2026-11-09", to: "2026-11-16")
        #expect(reply.blocks.first == .title("Sales last week (Mon 16 – Sun 22 Nov)"))
        #expect(reply.plainText.contains(money(revenue)))
        #expect(reply.plainText.contains("Margin") && reply.plainText.contains(money(margin)))
        #expect(reply.plainText.contains("vs Mon 9 – Sun 15 Nov: \(money(previous))"))
    }

    @Test func topProductsMatchTheLines() throws {
        let reply = ask("top 3 products last week")
        let top = try store.database.query(
            """
            SELECT p.name, SUM(s.total) FROM sales s JOIN products p ON p.id = s.product_id
            WHERE s.sold_at >= ? AND s.sold_at < ? GROUP BY p.id ORDER BY 2 DESC, p.name LIMIT 3
            """, [.integer(seconds("2026-11-16")), .integer(seconds("2026-11-23"))]
        ) { ($0.string(0), $0.int(1)) }
        let lines = reply.plainText.split(separator: "\n").map(String.init)
        for (index, (name, revenue)) in top.enumerated() {
            let line = lines.first { $0.hasPrefix("\(index + 1). ") }
            #expect(line?.contains(money(revenue)) == true, "\(name): \(line ?? "missing")")
            #expect(line?.contains(String(name.prefix(10))) == true, "\(name)")
        }
        #expect(reply.plainText.contains("more products sold"))
    }

    @Test func rankingsAcrossWholeMonthsUseTheMonthlyRollup() throws {
        // Last 60 days: 27–30 Sep from days, October from the month, 1–25 Nov from days.
        let reply = ask("top 3 products last 60 days")
        let top = try store.database.query(
            """
            SELECT p.name, SUM(s.total) FROM sales s JOIN products p ON p.id = s.product_id
            WHERE s.sold_at >= ? AND s.sold_at < ? GROUP BY p.id ORDER BY 2 DESC, p.name LIMIT 3
            """, [.integer(seconds("2026-09-27")), .integer(seconds("2026-11-26"))]
        ) { ($0.string(0), $0.int(1)) }
        for (index, (name, revenue)) in top.enumerated() {
            let line = reply.plainText.split(separator: "\n").first { $0.hasPrefix("\(index + 1). ") }
            #expect(
                line?.contains(money(revenue)) == true && line?.contains(String(name.prefix(10))) == true,
                "\(name) \(money(revenue)): \(line ?? "missing")")
        }
    }

    @Test func categoriesAddUpToTheLines() throws {
        let reply = ask("sales by category last week")
        let categories = try store.database.query(
            """
            SELECT p.category, SUM(s.total) FROM sales s JOIN products p ON p.id = s.product_id
            WHERE s.sold_at >= ? AND s.sold_at < ? GROUP BY p.category ORDER BY 2 DESC
            """, [.integer(seconds("2026-11-16")), .integer(seconds("2026-11-23"))]
        ) { ($0.string(0), $0.int(1)) }
        for (name, revenue) in categories {
            #expect(
                reply.plainText.split(separator: "\n").contains { $0.hasPrefix(name) && $0.contains(money(revenue)) },
                "\(name)")
        }
    }

    @Test func productTrendTotalsTheLines() throws {
        let reply = ask("how is oat milk doing last 2 weeks")
        let units = try raw(
            "SELECT SUM(quantity) FROM sales s JOIN products p ON p.id = s.product_id WHERE p.name = 'Oat Milk 1L' AND sold_at >= ? AND sold_at < ?",
            from: "2026-11-12", to: "2026-11-26")
        #expect(reply.blocks.first == .title("Oat Milk 1L last 2 weeks (Thu 12 – Wed 25 Nov to 15:00)"))
        #expect(reply.plainText.contains("\(NumberText.grouped(units)) sold"))
        let spark = reply.plainText.split(separator: "\n")[1]
        #expect(spark.count == 14 && spark.allSatisfy { Sparkline.blocks.contains($0) })
    }

    @Test func weekdaysAverageTheDays() throws {
        let reply = ask("are weekends better last 4 weeks")
        // Last 4 weeks to now, whole days: Thu 29 Oct … Tue 24 Nov; Saturdays 31 Oct, 7, 14, 21 Nov.
        var total = 0
        for day in ["2026-10-31", "2026-11-07", "2026-11-14", "2026-11-21"] {
            total += try raw(
                "SELECT SUM(total) FROM sales WHERE sold_at >= ? AND sold_at < ?", from: day,
                to: org.calendar.dayKey(org.calendar.startOfDay(org.calendar.date(dayKey: day)!, adding: 1)))
        }
        #expect(
            reply.plainText.split(separator: "\n").contains { $0.hasPrefix("Sat") && $0.contains(money(total / 4)) })
        #expect(reply.plainText.contains("Best day: Sat."))
    }

    @Test func busiestHoursSumToTheSpan() throws {
        let reply = ask("busiest hours yesterday")
        let hours = try store.database.query(
            """
            SELECT CAST(strftime('%H', sold_at, 'unixepoch') AS INTEGER) AS hour, SUM(total) FROM sales
            WHERE sold_at >= ? AND sold_at < ? GROUP BY hour ORDER BY 2 DESC LIMIT 1
            """, [.integer(seconds("2026-11-24")), .integer(seconds("2026-11-25"))]
        ) { ($0.int(0), $0.int(1)) }
        let (hour, revenue) = try #require(hours.first)
        // London is on UTC in November, so UTC hours are local hours here.
        #expect(
            reply.plainText.split(separator: "\n").contains {
                $0.hasPrefix(PatternsHandler.hourText(hour)) && $0.contains(money(revenue))
            })
    }

    @Test func outOfStockAndStockOutsFromTheCounts() throws {
        let out = ask("what's out of stock")
        let names = try store.database.query(
            """
            SELECT p.name FROM inventory_levels l JOIN products p ON p.id = l.product_id WHERE l.quantity <= 0
            """
        ) { $0.string(0) }
        #expect(!names.isEmpty)
        #expect(out.blocks.first == .title("Out of stock: \(names.count) product\(names.count == 1 ? "" : "s")"))
        for name in names { #expect(out.plainText.contains(String(name.prefix(10)))) }
        let outs = ask("stock-outs last 60 days")
        for name in names { #expect(outs.plainText.contains(String(name.prefix(10)))) }
        #expect(outs.plainText.contains("* still out now."))
    }
}
