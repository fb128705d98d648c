import Foundation
import OpsCore
import OpsTestSupport
import Testing

/// Sales at two locations: the location rollup equals the lines, through inserts, a line moved to the other
/// location, and a time zone change; `totals(location:)` equals a sum over the raw lines.
@Suite struct LocationSalesTests {
    let shop: SmallShop

    init() throws {
        shop = try SmallShop()
        let calendar = shop.org.calendar
        let oat = shop.products["OAT-1"]!
        try shop.store.writeSales(org: shop.org) { writer in
            for back in 0..<10 {
                let day = calendar.startOfDay(shop.now, adding: -back)
                for (index, hour) in [8.5, 12.25, 13.75, 17.5].enumerated() {
                    let location = index % 2 == 0 ? "Market" : "High Street"
                    try writer.upsert(SaleLine(
                        source: "loc", orderID: "L\(back)-\(index / 2)", line: index % 2 + 1,
                        soldAt: day.addingTimeInterval(hour * 3600), productID: oat.id, quantity: 1 + index,
                        unitPrice: 210, total: (1 + index) * 210, cost: 120 * (1 + index), location: location))
                }
            }
        }
    }

    /// (location, day) → "revenue units orders lines", recomputed from the lines in the time zone of `org`.
    func fromLines(_ org: Org? = nil) throws -> [String: String] {
        let calendar = (org ?? shop.org).calendar
        var sums: [String: (revenue: Int, units: Int, orders: Set<String>, lines: Int)] = [:]
        // Lines without a location are in no location's figures.
        try shop.store.database.forEachRow(
            "SELECT location, sold_at, total, quantity, source || '/' || order_id FROM sales WHERE location <> ''"
        ) { row in
            let day = calendar.dayKey(Date(timeIntervalSince1970: TimeInterval(row.int(1))))
            let key = row.string(0) + "|" + day
            sums[key, default: (0, 0, [], 0)].revenue += row.int(2)
            sums[key, default: (0, 0, [], 0)].units += row.int(3)
            sums[key, default: (0, 0, [], 0)].orders.insert(row.string(4))
            sums[key, default: (0, 0, [], 0)].lines += 1
        }
        return sums.mapValues { "\($0.revenue) \($0.units) \($0.orders.count) \($0.lines)" }
    }

    func rollup() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try shop.store.database.query(
            "SELECT location, day, revenue, units, orders, lines FROM daily_location_sales") {
            ($0.string(0) + "|" + $0.string(1), "\($0.int(2)) \($0.int(3)) \($0.int(4)) \($0.int(5))")
        })
    }

    @Test func theRollupFollowsTheLines() throws {
        #expect(try rollup() == fromLines())
        // A line moves to the other location.
        try shop.store.writeSales(org: shop.org) { writer in
            let day = shop.org.calendar.startOfDay(shop.now, adding: -3)
            try writer.upsert(SaleLine(
                source: "loc", orderID: "L3-0", line: 1, soldAt: day.addingTimeInterval(8.5 * 3600),
                productID: shop.products["OAT-1"]!.id, quantity: 1, unitPrice: 210, total: 210, cost: 120,
                location: "High Street"))
        }
        #expect(try rollup() == fromLines())
        var org = shop.org
        org.timeZone = TimeZone(identifier: "Pacific/Auckland")!
        try shop.store.updateOrg(org)
        #expect(try rollup() == fromLines(org))
        #expect(try SalesMetrics(store: shop.store, org: shop.org).locations() == ["High Street", "Market"])
    }

    @Test func linesWithoutALocationAreInNoLocationsRollup() throws {
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM sales WHERE location = ''") > 0)
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM daily_location_sales WHERE location = ''") == 0)
    }

    @Test func totalsAtALocationEqualTheLines() throws {
        let metrics = SalesMetrics(store: shop.store, org: shop.org)
        let calendar = shop.org.calendar
        let spans: [(Date, Date)] = [
            (calendar.startOfDay(shop.now), shop.now),
            (calendar.startOfDay(shop.now, adding: -7), shop.now),
            (calendar.startOfDay(shop.now, adding: -6).addingTimeInterval(10 * 3600), calendar.startOfDay(shop.now, adding: -1)),
            (calendar.startOfDay(shop.now, adding: -9).addingTimeInterval(13 * 3600), shop.now.addingTimeInterval(-3600)),
        ]
        for (start, end) in spans {
            for location in ["Market", "High Street"] {
                let totals = try metrics.totals(from: start, to: end, location: location)
                let expected = try shop.store.database.queryFirst(
                    """
                    SELECT COALESCE(SUM(total), 0), COALESCE(SUM(quantity), 0), COUNT(DISTINCT source || order_id), COUNT(*)
                    FROM sales WHERE location = ? AND sold_at >= ? AND sold_at < ?
                    """,
                    [.text(location), .integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))]
                ) { [$0.int(0), $0.int(1), $0.int(2), $0.int(3)] }
                #expect([totals.revenue, totals.units, totals.orders, totals.lines] == expected, "\(location) \(start)…\(end)")
            }
        }
    }
}


/// A database from before the yearly and location rollups (schema 4) is brought up to date with both filled
/// from its lines.
@Suite struct RollupMigrationTests {
    @Test func schemaFourGainsYearlyAndLocationRollupsFromItsLines() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.sqlite")
        do {
            let shop = try SmallShop(path: path)
            try shop.store.writeSales(org: shop.org) { writer in
                try writer.upsert(SaleLine(
                    source: "old", orderID: "X1", line: 1, soldAt: shop.now.addingTimeInterval(-400 * 86_400),
                    productID: shop.products["CRO"]!.id, quantity: 3, unitPrice: 260, total: 780, location: "Market"))
            }
            // Back to schema 4, as a shop that ran the previous version.
            try shop.store.database.execute("DROP TABLE yearly_product_sales")
            try shop.store.database.execute("DROP TABLE daily_location_sales")
            try shop.store.database.execute("DROP TABLE locations")
            try shop.store.database.execute("DROP INDEX sales_by_location")
            try shop.store.database.execute("CREATE INDEX sales_by_product ON sales (product_id, sold_at)")
            try shop.store.database.execute("DELETE FROM schema_migrations WHERE version > 4")
        }
        let store = try Store(path: path)
        #expect(try store.database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sales_by_product'") == 0)
        let years = try store.database.query(
            "SELECT product_id, year, revenue, lines FROM yearly_product_sales ORDER BY 1, 2") { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3))" }
        let yearsFromDays = try store.database.query(
            "SELECT product_id, substr(day, 1, 4), SUM(revenue), SUM(lines) FROM daily_product_sales GROUP BY 1, 2 ORDER BY 1, 2"
        ) { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3))" }
        #expect(years.count >= 2 && years == yearsFromDays)
        let locations = try store.database.query(
            "SELECT location, SUM(revenue), SUM(lines) FROM daily_location_sales GROUP BY 1 ORDER BY 1") { "\($0.string(0)) \($0.int(1)) \($0.int(2))" }
        let fromLines = try store.database.query(
            "SELECT location, SUM(total), COUNT(*) FROM sales WHERE location <> '' GROUP BY 1 ORDER BY 1") { "\($0.string(0)) \($0.int(1)) \($0.int(2))" }
        #expect(locations == fromLines)
        #expect(try store.database.query("SELECT name FROM locations") { $0.string(0) } == ["Market"])
    }
}
