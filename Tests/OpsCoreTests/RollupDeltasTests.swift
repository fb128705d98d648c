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
        func units(_ table: String) throws -> Int { try database.queryInt("SELECT COALESCE(SUM(units), 0) FROM \(table)") }

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
}
