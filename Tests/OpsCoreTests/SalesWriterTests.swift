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

    func line(
        _ order: String, _ number: Int, hour: Double, quantity: Int = 1, total: Int = 100, cost: Int? = 40,
        product: Int64? = nil
    ) -> SaleLine {
        SaleLine(
            source: "till", orderID: order, line: number, soldAt: day.addingTimeInterval(hour * 3600),
            productID: product ?? productID, quantity: quantity, unitPrice: 100, total: total, cost: cost)
    }

    func daily(_ key: String) throws -> [Int] {
        try store.database.queryFirst(
            "SELECT revenue, units, orders, lines, cost, costed_revenue FROM daily_sales WHERE org_id = ? AND day = ?",
            [.integer(org.id), .text(key)]
        ) { [$0.int(0), $0.int(1), $0.int(2), $0.int(3), $0.int(4), $0.int(5)] } ?? []
    }

    @Test func insertsKeepEveryRollupInStep() throws {
        let outcomes = try store.writeSales(org: org) { writer in
            [
                try writer.upsert(line("1", 1, hour: 9)),
                try writer.upsert(line("1", 2, hour: 9, quantity: 2, total: 600, cost: nil, product: otherID)),
                try writer.upsert(line("2", 1, hour: 15)),
            ]
        }
        #expect(outcomes == [.inserted, .inserted, .inserted])
        // revenue, units, orders, lines, cost, costed revenue
        #expect(try daily("2026-03-10") == [800, 4, 2, 3, 80, 200])
        #expect(try store.database.queryInt("SELECT SUM(orders) FROM hourly_sales") == 2)
        #expect(
            try store.database.queryInt(
                "SELECT units FROM daily_product_sales WHERE product_id = ? AND day = '2026-03-10'", [.integer(otherID)]
            ) == 2)
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

    /// Batches that meet stored lines and repeat keys inside themselves end exactly as writing their lines one
    /// by one would: the same outcomes, the same stored lines, the same rollups.
    /// The lines' foreign keys are checked at the commit (schema 11): a line naming no stored product, written
    /// alone or in a full batch, still keeps the whole transaction out.
    @Test func aLineWithoutItsProductKeepsTheWholeWriteOut() throws {
        for size in [1, SalesWriter.batchSize] {
            #expect {
                try store.writeSales(org: org) { writer in
                    try writer.upsert(line("ok", 1, hour: 9))
                    let lines = (0..<size).map { line("bad", $0 + 1, hour: 10, product: $0 == size / 2 ? 9_999 : nil) }
                    _ = try writer.upsert(lines)
                }
            } throws: { error in
                (error as? DatabaseError)?.description.contains("FOREIGN KEY constraint failed") == true
            }
            #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 0)
            #expect(try store.database.queryInt("SELECT COUNT(*) FROM daily_sales") == 0)
            #expect(try store.database.queryInt("SELECT COUNT(*) FROM daily_product_sales") == 0)
        }
        try store.writeSales(org: org) { writer in try writer.upsert(line("ok", 1, hour: 9)) }
        #expect(try daily("2026-03-10") == [100, 1, 1, 1, 40, 100])
    }

    @Test func batchedLinesEndAsLinesWrittenOneByOne() throws {
        let batched = try Store.inMemory()
        let single = try Store.inMemory()
        var random = SeededRandom(seed: 42)
        func draw(_ range: ClosedRange<Int>) -> Int { Int(random.next() % UInt64(range.count)) + range.lowerBound }
        // Batches with few keys repeat them often; with many, rarely; the last one is short.
        let plan: [(keys: Int, count: Int)] = [(10_000, 64), (40, 64), (10_000, 64), (10_000, 64), (30, 64), (60, 13)]
        let batches = plan.map { plan in
            (0..<plan.count).map { _ in
                let key = draw(1...plan.keys)
                // Half the lines are what their key always is (a repeat is unchanged), half drawn afresh.
                let fixed = draw(0...1) == 0
                return line(
                    "\(key / 3)", key % 3, hour: fixed ? 30 : Double(draw(0...71)) + 0.25,
                    quantity: fixed ? 1 : draw(1...3),
                    total: fixed ? 100 : 100 * draw(1...2), cost: fixed || draw(0...1) == 0 ? 40 : nil,
                    product: fixed || draw(0...1) == 0 ? productID : otherID)
            }
        }
        var outcomes: [[[SalesWriter.Outcome]]] = [[], []]
        for (index, store) in [batched, single].enumerated() {
            let org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
            #expect(
                try store.upsertProduct(Product(sku: "A", name: "Apple", unitPrice: 100), orgID: org.id) == productID)
            #expect(try store.upsertProduct(Product(sku: "B", name: "Bread", unitPrice: 300), orgID: org.id) == otherID)
            // Lines stored before: some of the first keys of every batch.
            try store.writeSales(org: org) { writer in
                for key in stride(from: 1, through: 60, by: 4) {
                    try writer.upsert(line("\(key / 3)", key % 3, hour: 30))
                }
            }
            for batch in batches {
                outcomes[index].append(
                    try store.writeSales(org: org) { writer in
                        index == 0 ? try writer.upsert(batch) : try batch.map { try writer.upsert($0) }
                    })
            }
        }
        #expect(outcomes[0] == outcomes[1])
        let all = outcomes[0].joined()
        #expect(all.contains(.updated) && all.contains(.unchanged) && all.contains(.inserted))
        func contents(_ store: Store) throws -> [[String]] {
            try [
                "SELECT order_id, line, sold_at, product_id, quantity, total, cost FROM sales ORDER BY order_id, line",
                "SELECT product_id, day, units, revenue, cost, costed_revenue, lines FROM daily_product_sales ORDER BY 1, 2",
                "SELECT day, units, revenue, cost, costed_revenue, orders, lines FROM daily_sales ORDER BY 1",
                "SELECT hour_start, units, revenue, cost, costed_revenue, orders, lines FROM hourly_sales ORDER BY 1",
            ].map { sql in
                try store.database.query(sql) { row in
                    (0..<7).map { row.isNull($0) ? "" : row.string($0) }.joined(separator: "|")
                }
            }
        }
        let written = try contents(batched)
        #expect(written == (try contents(single)))
        try batched.write { try SalesRollups(database: batched.database, org: try batched.firstOrg()!).rebuild() }
        #expect(try contents(batched) == written)
        try expectRollupsAddUp(in: batched, timeZone: try batched.firstOrg()!.timeZone)
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
                """, [.integer(Int64(a)), .integer(Int64(b))]
            ) { [$0.int(0), $0.int(1), $0.int(2)] }
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
