import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct RollupDeltasTests {
    /// Month and year sums wait for the last spill, which writes them once, unless they grow past the spill
    /// limit themselves; either way every sum arrives once.
    @Test func monthsAndYearsWaitForTheLastSpillUnlessTheyAreMany() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "UTC")!)
        let database = store.database
        let many = RollupDeltas.spillLimit + 1
        try database.execute(
            """
            WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < ?)
            INSERT INTO products (id, org_id, sku, name, created_at, updated_at) SELECT id, ?, 'P' || id, 'P' || id, 0, 0 FROM n
            """, [.int(many), .integer(org.id)])
        func count(_ table: String) throws -> Int { try database.queryInt("SELECT COUNT(*) FROM \(table)") }
        func units(_ table: String) throws -> Int {
            try database.queryInt("SELECT COALESCE(SUM(units), 0) FROM \(table)")
        }

        var deltas = RollupDeltas()
        func add(_ product: Int) {
            deltas.add(
                productID: Int64(product), day: CivilDate(year: 2026, month: 3, day: 5), hour: 1_772_701_200,
                location: "", order: "O\(product)", quantity: 1, total: 100, cost: nil, sign: 1)
        }
        try store.write {
            add(1)
            try deltas.spill(to: database, orgID: org.id, final: false)
            #expect(try count("daily_product_sales") == 1)
            #expect(try count("monthly_product_sales") == 0 && count("yearly_product_sales") == 0)

            for product in 2...many { add(product) }
            try deltas.spill(to: database, orgID: org.id, final: false)
            #expect(try count("monthly_product_sales") == many, "past the limit, the months are written early")
            #expect(try count("yearly_product_sales") == many)

            add(1)
            try deltas.flush(to: database, org: org)
        }
        for table in ["daily_product_sales", "monthly_product_sales", "yearly_product_sales", "daily_sales"] {
            #expect(try units(table) == many + 1, "\(table)")
        }
        #expect(try database.queryInt("SELECT units FROM monthly_product_sales WHERE product_id = 1") == 2)
    }

    /// Sums for periods the table holds no row of are inserted, a batch at a time; the others are added to the
    /// stored rows. Two provisional ids that turn into one product are added up, not refused.
    @Test func newPeriodsAreInsertedAndStoredOnesAddedTo() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "UTC")!)
        let database = store.database
        try database.execute(
            """
            WITH RECURSIVE n(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < 100)
            INSERT INTO products (id, org_id, sku, name, created_at, updated_at) SELECT id, ?, 'P' || id, 'P' || id, 0, 0 FROM n
            """, [.integer(org.id)])
        let march5 = CivilDate(year: 2026, month: 3, day: 5), march6 = CivilDate(year: 2026, month: 3, day: 6)
        let march7 = CivilDate(year: 2026, month: 3, day: 7)
        func add(_ product: Int64, _ day: CivilDate, _ quantity: Int, to deltas: inout RollupDeltas) {
            deltas.add(
                productID: product, day: day, hour: Int64(day.daysSince1970 * 86_400), location: "",
                order: "O\(product)",
                quantity: quantity, total: 100 * quantity, cost: nil, sign: 1)
        }
        var first = RollupDeltas()
        add(1, march5, 2, to: &first)
        try store.write { try first.flush(to: database, org: org) }

        // A stored product day, added to; a new day, inserted in batches (products 1 to 70).
        var second = RollupDeltas()
        add(1, march5, 3, to: &second)
        for product in 1...70 { add(Int64(product), march6, product, to: &second) }
        try store.write {
            try second.spill(to: database, orgID: org.id, final: true)
            try second.flush(to: database, org: org)
        }
        // Another new day: products 1 to 10, then provisional ids -1 to -60 that become products 11 to 70, but for
        // -1 and -2, which both become product 3 (in the same batch as it): those are added up.
        var third = RollupDeltas()
        for product in 1...10 { add(Int64(product), march7, product, to: &third) }
        for number in 3...60 { add(-Int64(number), march7, 10 + number, to: &third) }
        add(-1, march7, 1_000, to: &third)
        add(-2, march7, 2_000, to: &third)
        let stored: (Int64) -> Int64 = { id in id >= 0 ? id : id >= -2 ? 3 : 10 - id }
        try store.write {
            try third.spill(to: database, orgID: org.id, productIDs: stored, final: true)
            try third.flush(to: database, org: org)
        }
        func units(_ sql: String, _ values: [SQLValue] = []) throws -> Int { try database.queryInt(sql, values) }
        let day = "SELECT units FROM daily_product_sales WHERE product_id = ? AND day = ?"
        #expect(try units(day, [1, .text("2026-03-05")]) == 5)
        #expect(try units(day, [70, .text("2026-03-06")]) == 70)
        #expect(try units(day, [3, .text("2026-03-07")]) == 3_003)
        #expect(try units(day, [13, .text("2026-03-07")]) == 13)
        #expect(try units("SELECT COUNT(*) FROM daily_product_sales") == 1 + 70 + 68)
        #expect(
            try units("SELECT units FROM monthly_product_sales WHERE product_id = 3 AND month = '2026-03'") == 3 + 3_003
        )
        #expect(
            try units("SELECT units FROM monthly_product_sales WHERE product_id = 1 AND month = '2026-03'") == 2 + 3 + 1
                + 1)
        let march6Units = 70 * 71 / 2, march7Units = 55 + 2_407 + 3_000
        #expect(
            try units("SELECT SUM(units) FROM yearly_product_sales WHERE year = '2026'") == 5 + march6Units
                + march7Units)
        #expect(try units("SELECT units FROM daily_sales WHERE day = '2026-03-07'") == march7Units)
    }
}
