import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct SalesWriterTests {
    let store: Store
    let org: Org
    let productID: Int64
    let otherID: Int64
    let day: Date

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
        productID = try store.upsertProduct(Product(sku: "A", name: "Apple", unitPrice: 100), orgID: org.id)
        otherID = try store.upsertProduct(Product(sku: "B", name: "Bread", unitPrice: 300), orgID: org.id)
        day = org.calendar.date(dayKey: "2026-03-10")!
    }

    func line(_ order: String, _ number: Int, hour: Double, quantity: Int = 1, total: Int = 100, cost: Int? = 40, product: Int64? = nil) -> SaleLine {
        SaleLine(
            source: "till", orderID: order, line: number, soldAt: day.addingTimeInterval(hour * 3600),
            productID: product ?? productID, quantity: quantity, unitPrice: 100, total: total, cost: cost)
    }

    func daily(_ key: String) throws -> [Int] {
        try store.database.queryFirst(
            "SELECT revenue, units, orders, lines, cost, costed_revenue FROM daily_sales WHERE org_id = ? AND day = ?",
            [.integer(org.id), .text(key)]) { [$0.int(0), $0.int(1), $0.int(2), $0.int(3), $0.int(4), $0.int(5)] } ?? []
    }

    @Test func insertsKeepEveryRollupInStep() throws {
        let outcomes = try store.writeSales(org: org) { writer in
            [try writer.upsert(line("1", 1, hour: 9)),
             try writer.upsert(line("1", 2, hour: 9, quantity: 2, total: 600, cost: nil, product: otherID)),
             try writer.upsert(line("2", 1, hour: 15))]
        }
        #expect(outcomes == [.inserted, .inserted, .inserted])
        // revenue, units, orders, lines, cost, costed revenue
        #expect(try daily("2026-03-10") == [800, 4, 2, 3, 80, 200])
        #expect(try store.database.queryInt("SELECT SUM(orders) FROM hourly_sales") == 2)
        #expect(try store.database.queryInt(
            "SELECT units FROM daily_product_sales WHERE product_id = ? AND day = '2026-03-10'", [.integer(otherID)]) == 2)
    }

    @Test func reimportingTheSameLineChangesNothing() throws {
        try store.writeSales(org: org) { try $0.upsert(line("1", 1, hour: 9)) }
        let outcome = try store.writeSales(org: org) { try $0.upsert(line("1", 1, hour: 9)) }
        #expect(outcome == .unchanged)
        #expect(try daily("2026-03-10") == [100, 1, 1, 1, 40, 100])
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 1)
    }

    @Test func anUpdatedLineMovesItsFiguresToTheNewDay() throws {
        try store.writeSales(org: org) { writer in
            try writer.upsert(line("1", 1, hour: 9))
            try writer.upsert(line("1", 2, hour: 9))
        }
        // Line 2 turns out to have been sold the next day, for more.
        let outcome = try store.writeSales(org: org) { try $0.upsert(line("1", 2, hour: 33, total: 250)) }
        #expect(outcome == .updated)
        #expect(try daily("2026-03-10") == [100, 1, 1, 1, 40, 100])
        #expect(try daily("2026-03-11") == [250, 1, 1, 1, 40, 250])
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM hourly_sales") == 2)
    }

    @Test func aFailedImportLeavesNoLinesAndNoRollups() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.writeSales(org: org) { writer in
                try writer.upsert(line("1", 1, hour: 9))
                throw Boom()
            }
        }
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 0)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM daily_sales") == 0)
    }

    @Test func aNewTimeZoneRebucketsTheRollups() throws {
        // 23:30 in New York is 04:30 the next day in London.
        try store.writeSales(org: org) { try $0.upsert(line("1", 1, hour: 23.5)) }
        #expect(try daily("2026-03-10") == [100, 1, 1, 1, 40, 100])
        var moved = org
        moved.timeZone = TimeZone(identifier: "Europe/London")!
        try store.updateOrg(moved)
        #expect(try daily("2026-03-10") == [])
        #expect(try daily("2026-03-11") == [100, 1, 1, 1, 40, 100])
    }
}

@Suite struct SalesMetricsTests {
    @Test func totalsForAnySpanEqualTheRawLines() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        // Around the end of British Summer Time: days of 23, 24 and 25 hours.
        let now = org.calendar.date(dayKey: "2026-10-27")!.addingTimeInterval(15 * 3600)
        try DemoShop(seed: 7, now: now, days: 12).generate(into: store, org: org)
        var random = SystemRandomNumberGenerator()
        let first = org.calendar.date(dayKey: "2026-10-15")!.timeIntervalSince1970
        let metrics = SalesMetrics(store: store, org: org)
        for _ in 0..<60 {
            let a = Double.random(in: first...now.timeIntervalSince1970, using: &random).rounded()
            let b = Double.random(in: a...now.timeIntervalSince1970, using: &random).rounded()
            let start = Date(timeIntervalSince1970: a)
            let end = Date(timeIntervalSince1970: b)
            let expected = try store.database.queryFirst(
                """
                SELECT COALESCE(SUM(total), 0), COALESCE(SUM(quantity), 0), COUNT(*) FROM sales
                WHERE sold_at >= ? AND sold_at < ?
                """, [.integer(Int64(a)), .integer(Int64(b))]) { [$0.int(0), $0.int(1), $0.int(2)] }
            let totals = try metrics.totals(from: start, to: end)
            #expect([totals.revenue, totals.units, totals.lines] == expected, "span \(start) – \(end)")
        }
        // Whole local days, including the 25-hour one, from the daily rollup alone.
        let sunday = org.calendar.date(dayKey: "2026-10-25")!
        let monday = org.calendar.date(dayKey: "2026-10-26")!
        #expect(monday.timeIntervalSince(sunday) == 25 * 3600)
        let raw = try store.database.queryInt(
            "SELECT COUNT(DISTINCT order_id) FROM sales WHERE sold_at >= ? AND sold_at < ?",
            [.integer(Int64(sunday.timeIntervalSince1970)), .integer(Int64(monday.timeIntervalSince1970))])
        #expect(try metrics.totals(from: sunday, to: monday).orders == raw)
    }
}
