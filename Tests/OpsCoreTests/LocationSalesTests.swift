import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

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
                    try writer.upsert(
                        SaleLine(
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
        Dictionary(
            uniqueKeysWithValues: try shop.store.database.query(
                "SELECT location, day, revenue, units, orders, lines FROM daily_location_sales"
            ) {
                ($0.string(0) + "|" + $0.string(1), "\($0.int(2)) \($0.int(3)) \($0.int(4)) \($0.int(5))")
            })
    }

    @Test func theRollupFollowsTheLines() throws {
        #expect(try rollup() == fromLines())
        // A line moves to the other location.
        try shop.store.writeSales(org: shop.org) { writer in
            let day = shop.org.calendar.startOfDay(shop.now, adding: -3)
            try writer.upsert(
                SaleLine(
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
            (
                calendar.startOfDay(shop.now, adding: -6).addingTimeInterval(10 * 3600),
                calendar.startOfDay(shop.now, adding: -1)
            ),
            (
                calendar.startOfDay(shop.now, adding: -9).addingTimeInterval(13 * 3600),
                shop.now.addingTimeInterval(-3600)
            ),
        ]
        for (start, end) in spans {
            for location in ["Market", "High Street"] {
                let totals = try metrics.totals(from: start, to: end, location: location)
                let expected = try shop.store.database.queryFirst(
                    """
                    SELECT COALESCE(SUM(total), 0), COALESCE(SUM(quantity), 0), COUNT(DISTINCT source || order_id), COUNT(*)
                    FROM sales WHERE location = ? AND sold_at >= ? AND sold_at < ?
                    """,
                    [
                        .text(location), .integer(Int64(start.timeIntervalSince1970)),
                        .integer(Int64(end.timeIntervalSince1970)),
                    ]
                ) { [$0.int(0), $0.int(1), $0.int(2), $0.int(3)] }
                #expect(
                    [totals.revenue, totals.units, totals.orders, totals.lines] == expected,
                    "\(location) \(start)…\(end)")
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
                try writer.upsert(
                    SaleLine(
                        source: "old", orderID: "X1", line: 1, soldAt: shop.now.addingTimeInterval(-400 * 86_400),
                        productID: shop.products["CRO"]!.id, quantity: 3, unitPrice: 260, total: 780, location: "Market"
                    ))
            }
            // Back to schema 4, as a shop that ran the previous version.
            try shop.store.database.execute("DROP TABLE yearly_product_sales")
            try shop.store.database.execute("DROP TABLE daily_location_sales")
            try shop.store.database.execute("DROP TABLE locations")
            try shop.store.database.execute("DROP INDEX sales_by_location")
            try shop.store.database.execute("CREATE INDEX sales_by_product ON sales (product_id, sold_at)")
            try shop.store.database.execute("ALTER TABLE imports DROP COLUMN bytes")
            try shop.store.database.execute("DELETE FROM schema_migrations WHERE version > 4")
        }
        let store = try Store(path: path)
        #expect(try store.database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'sales_by_product'") == 0)
        let years = try store.database.query(
            "SELECT product_id, year, revenue, lines FROM yearly_product_sales ORDER BY 1, 2"
        ) { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3))" }
        let yearsFromDays = try store.database.query(
            "SELECT product_id, substr(day, 1, 4), SUM(revenue), SUM(lines) FROM daily_product_sales GROUP BY 1, 2 ORDER BY 1, 2"
        ) { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3))" }
        #expect(years.count >= 2 && years == yearsFromDays)
        let locations = try store.database.query(
            "SELECT location, SUM(revenue), SUM(lines) FROM daily_location_sales GROUP BY 1 ORDER BY 1"
        ) { "\($0.string(0)) \($0.int(1)) \($0.int(2))" }
        let fromLines = try store.database.query(
            "SELECT location, SUM(total), COUNT(*) FROM sales WHERE location <> '' GROUP BY 1 ORDER BY 1"
        ) { "\($0.string(0)) \($0.int(1)) \($0.int(2))" }
        #expect(locations == fromLines)
        #expect(try store.database.query("SELECT name FROM locations") { $0.string(0) } == ["Market"])
    }

    /// Schema 9 keeps product days in day order; a shop's product days come through the rebuild unchanged, and
    /// each kind of question still reads one index.
    @Test func productDaysMoveToDayOrderWithTheirSumsUnchanged() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.sqlite")
        let rows: [String]
        let columns = "product_id, day, units, revenue, cost, costed_revenue, lines"
        do {
            let shop = try SmallShop(path: path)
            try shop.store.writeSales(org: shop.org) { writer in
                for (index, sku) in ["CRO", "OAT-1", "CRO"].enumerated() {
                    try writer.upsert(
                        SaleLine(
                            source: "old", orderID: "X\(index)", line: 1,
                            soldAt: shop.now.addingTimeInterval(-Double(index) * 86_400),
                            productID: shop.products[sku]!.id,
                            quantity: index + 1, unitPrice: 260, total: 260 * (index + 1)))
                }
            }
            // Back to schema 8's table, keyed by product first, with its covering index by day.
            try shop.store.database.executeScript(
                """
                CREATE TABLE old_days (product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                    day TEXT NOT NULL, units INTEGER NOT NULL, revenue INTEGER NOT NULL, cost INTEGER NOT NULL,
                    costed_revenue INTEGER NOT NULL, lines INTEGER NOT NULL, PRIMARY KEY (product_id, day)) WITHOUT ROWID;
                INSERT INTO old_days SELECT \(columns) FROM daily_product_sales;
                DROP TABLE daily_product_sales;
                ALTER TABLE old_days RENAME TO daily_product_sales;
                CREATE INDEX daily_product_sales_by_day
                    ON daily_product_sales (day, product_id, revenue, units, cost, costed_revenue);
                ALTER TABLE imports DROP COLUMN bytes;
                DELETE FROM schema_migrations WHERE version > 8;
                """)
            rows = try shop.store.database.query("SELECT \(columns) FROM daily_product_sales ORDER BY 1, 2") { row in
                (0..<7).map { row.string($0) }.joined(separator: " ")
            }
        }
        let database = try Store(path: path).database
        #expect(try database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
        #expect(rows.count >= 3)
        #expect(
            try database.query("SELECT \(columns) FROM daily_product_sales ORDER BY 1, 2") { row in
                (0..<7).map { row.string($0) }.joined(separator: " ")
            } == rows)
        #expect(
            try database.query("SELECT name FROM pragma_table_info('daily_product_sales') WHERE pk > 0 ORDER BY pk") {
                $0.string(0)
            } == ["day", "product_id"])
        func plan(_ sql: String) throws -> String {
            try database.query("EXPLAIN QUERY PLAN " + sql, [.text("2026-01-01"), .text("2026-02-01")]) { $0.string(3) }
                .joined(separator: "; ")
        }
        #expect(try plan(DayRange.selectDays).contains("PRIMARY KEY (day>? AND day<?)"))
        let perProduct = try plan(
            "SELECT SUM(units), SUM(revenue) FROM daily_product_sales WHERE product_id = 1 AND day >= ? AND day < ?")
        #expect(perProduct.contains("COVERING INDEX daily_product_sales_by_product"))
        #expect(try database.queryValue("PRAGMA integrity_check") == .text("ok"))
    }

    /// Schema 11 rebuilds `sales` with its foreign keys checked at the commit: every line, its id and its
    /// indexes come through, and a line without its product is still refused.
    @Test func salesKeepTheirLinesWhenTheirForeignKeysMoveToTheCommit() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.sqlite")
        let columns = "id, org_id, source, order_id, line, sold_at, product_id, quantity, total, location, import_id"
        let lines: [String]
        do {
            let shop = try SmallShop(path: path)
            try shop.store.writeSales(org: shop.org) { writer in
                for (index, sku) in ["CRO", "OAT-1", "CRO", "SALT"].enumerated() {
                    try writer.upsert(
                        SaleLine(
                            source: "till", orderID: "X\(index / 2)", line: index % 2 + 1,
                            soldAt: shop.now.addingTimeInterval(-Double(index) * 3_600),
                            productID: shop.products[sku]!.id,
                            quantity: index + 1, unitPrice: 260, total: 260 * (index + 1),
                            location: index == 1 ? "Market" : ""))
                }
            }
            // Back to schema 10's table, its foreign keys checked after each statement.
            try shop.store.database.executeScript(
                """
                CREATE TABLE old_sales (
                    id INTEGER PRIMARY KEY,
                    org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
                    source TEXT NOT NULL, order_id TEXT NOT NULL, line INTEGER NOT NULL, sold_at INTEGER NOT NULL,
                    product_id INTEGER NOT NULL REFERENCES products(id),
                    quantity INTEGER NOT NULL, unit_price INTEGER NOT NULL, discount INTEGER NOT NULL DEFAULT 0,
                    total INTEGER NOT NULL, cost INTEGER, location TEXT NOT NULL DEFAULT '', channel TEXT NOT NULL DEFAULT '',
                    import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
                    UNIQUE (org_id, source, order_id, line));
                INSERT INTO old_sales SELECT * FROM sales;
                DROP TABLE sales;
                ALTER TABLE old_sales RENAME TO sales;
                CREATE INDEX sales_by_time ON sales (org_id, sold_at);
                CREATE INDEX sales_by_location ON sales (org_id, location, sold_at) WHERE location <> '';
                DELETE FROM schema_migrations WHERE version > 10;
                """)
            lines = try shop.store.database.query("SELECT \(columns) FROM sales ORDER BY id") { row in
                (0..<11).map { row.isNull($0) ? "" : row.string($0) }.joined(separator: " ")
            }
        }
        let store = try Store(path: path)
        let database = store.database
        #expect(try database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
        #expect(lines.count > 4)
        #expect(
            try database.query("SELECT \(columns) FROM sales ORDER BY id") { row in
                (0..<11).map { row.isNull($0) ? "" : row.string($0) }.joined(separator: " ")
            } == lines)
        #expect(
            try database.query("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('sales') ORDER BY 1") {
                $0.string(0)
            } == ["imports", "orgs", "products"])
        #expect(
            try database.queryInt(
                "SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'sales' AND sql LIKE '%DEFERRABLE INITIALLY DEFERRED%'"
            ) == 1)
        #expect(
            try database.query(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sales' ORDER BY name"
            ) { $0.string(0) }
                == ["sales_by_location", "sales_by_time", "sqlite_autoindex_sales_1"])
        #expect(try database.queryValue("PRAGMA integrity_check") == .text("ok"))
        #expect(throws: DatabaseError.self) {
            try database.write {
                try database.execute(
                    "INSERT INTO sales (org_id, source, order_id, line, sold_at, product_id, quantity, unit_price, total) "
                        + "VALUES (1, 'till', 'Y', 1, 0, 9999, 1, 1, 1)")
            }
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM sales") == lines.count)
    }

    /// Schema 12 rebuilds the per-product rollups with their foreign key checked at the commit: every row and
    /// index comes through.
    @Test func productRollupsKeepTheirRowsWhenTheirForeignKeysMoveToTheCommit() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("old.sqlite")
        let tables = [
            ("daily_product_sales", "day", "day, product_id"), ("monthly_product_sales", "month", "product_id, month"),
            ("yearly_product_sales", "year", "product_id, year"),
        ]
        var rows: [String: [String]] = [:]
        func contents(_ database: Database, _ table: String) throws -> [String] {
            try database.query("SELECT * FROM \(table) ORDER BY 1, 2") { row in
                (0..<7).map { row.string($0) }.joined(separator: " ")
            }
        }
        let indexes =
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE '%product_sales' ORDER BY name"
        let indexNames: [String]
        do {
            let shop = try SmallShop(path: path)
            let database = shop.store.database
            indexNames = try database.query(indexes) { $0.string(0) }
            // Back to schema 11's tables, their foreign keys checked after each statement.
            for (table, period, key) in tables {
                let indexSQL = try database.query(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                    [.text(table)]
                ) { $0.string(0) }
                try database.executeScript(
                    """
                    CREATE TABLE old_rollup (product_id INTEGER NOT NULL REFERENCES products(id) ON DELETE CASCADE,
                        \(period) TEXT NOT NULL, units INTEGER NOT NULL, revenue INTEGER NOT NULL, cost INTEGER NOT NULL,
                        costed_revenue INTEGER NOT NULL, lines INTEGER NOT NULL, PRIMARY KEY (\(key))) WITHOUT ROWID;
                    INSERT INTO old_rollup SELECT product_id, \(period), units, revenue, cost, costed_revenue, lines FROM \(table);
                    DROP TABLE \(table);
                    ALTER TABLE old_rollup RENAME TO \(table);
                    \(indexSQL.map { $0 + ";" }.joined(separator: "\n"))
                    """)
                rows[table] = try contents(database, table)
            }
            try database.execute("DELETE FROM schema_migrations WHERE version > 11")
        }
        let database = try Store(path: path).database
        #expect(try database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
        for (table, _, _) in tables {
            #expect(rows[table]?.isEmpty == false)
            #expect(try contents(database, table) == rows[table], "\(table)")
            #expect(
                try database.queryInt(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = ? AND sql LIKE '%DEFERRABLE INITIALLY DEFERRED%'",
                    [.text(table)]) == 1, "\(table)")
        }
        #expect(try database.query(indexes) { $0.string(0) } == indexNames)
        #expect(indexNames.count == 3)
        #expect(try database.queryValue("PRAGMA integrity_check") == .text("ok"))
    }
}
