import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct ImporterTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports")

    let store: Store
    let org: Org
    let now: Date

    init() throws {
        try self.init(zone: "America/New_York")
    }

    init(zone: String) throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: zone)!)
        now = ISO8601DateFormatter().date(from: "2024-04-01T12:00:00Z")!
    }

    func importFixture(_ name: String, kind: ImportKind? = nil, strict: Bool = false) throws -> ImportReport {
        try Importer(store: store, org: org).importFile(
            path: Self.fixtures.appendingPathComponent(name).path, options: .init(kind: kind, strict: strict, now: now))
    }

    func int(_ sql: String, _ values: [SQLValue] = []) throws -> Int { try store.database.queryInt(sql, values) }

    func dayRevenue(_ day: String) throws -> Int {
        try int("SELECT revenue FROM daily_sales WHERE day = ?", [.text(day)])
    }

    /// Every day's rollup equals the sum of that day's lines.
    func expectRollupsMatchLines(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let days = try store.database.query("SELECT day, revenue, units FROM daily_sales") {
            ($0.string(0), $0.int(1), $0.int(2))
        }
        for (day, revenue, units) in days {
            let start = org.calendar.date(dayKey: day)!
            let end = org.calendar.startOfDay(start, adding: 1)
            let raw = try store.database.queryFirst(
                "SELECT COALESCE(SUM(total), 0), COALESCE(SUM(quantity), 0) FROM sales WHERE sold_at >= ? AND sold_at < ?",
                [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))]
            ) { [$0.int(0), $0.int(1)] }
            #expect(raw == [revenue, units], "day \(day)", sourceLocation: sourceLocation)
        }
        #expect(
            try int("SELECT COALESCE(SUM(revenue), 0) FROM daily_sales")
                == int("SELECT COALESCE(SUM(total), 0) FROM sales"),
            sourceLocation: sourceLocation)
        try expectRollupsAddUp(in: store, timeZone: org.timeZone, sourceLocation: sourceLocation)
        try expectEveryReferenceHolds(in: store, sourceLocation: sourceLocation)
    }

    @Test func shopifyOrdersExportImportsAsItComes() throws {
        let report = try importFixture("shopify_orders_export.csv")
        #expect(report.status == .imported)
        #expect(report.kind == .sales)
        #expect(report.layout == "Shopify orders export")
        #expect(report.rowsRead == 5)
        #expect(report.inserted == 5)
        #expect(report.newProductCount == 5)
        #expect(report.newProducts.contains("Gift Box, \"Deluxe\""))
        #expect(try int("SELECT SUM(total) FROM sales") == 4650)
        #expect(try int("SELECT SUM(quantity) FROM sales") == 8)
        #expect(try int("SELECT SUM(discount) FROM sales") == 200)
        #expect(try dayRevenue("2024-03-05") == 2470)
        #expect(try dayRevenue("2024-03-06") == 2180)
        #expect(try int("SELECT SUM(orders) FROM daily_sales") == 3)
        #expect(
            try store.database.queryFirst("SELECT channel, location FROM sales WHERE order_id = '#1001' AND line = 1") {
                [$0.string(0), $0.string(1)]
            } == ["web", "Main Street"])
        try expectRollupsMatchLines()
    }

    @Test func squareItemSalesExportWithItsTimeZoneAndARefund() throws {
        let report = try importFixture("square_item_sales.csv")
        #expect(report.status == .imported)
        #expect(report.layout == "Square Item Sales Detail export")
        #expect(report.inserted == 4)
        #expect(try int("SELECT SUM(total) FROM sales") == 860)
        #expect(try int("SELECT SUM(quantity) FROM sales") == 3)
        #expect(try int("SELECT total FROM sales WHERE order_id = 'T3'") == -400)
        #expect(try int("SELECT unit_price FROM sales WHERE order_id = 'T1' AND line = 1") == 400)
        #expect(try int("SELECT discount FROM sales WHERE order_id = 'T1' AND line = 1") == 80)
        // 21:18 Pacific on the 15th is 00:18 on the 16th in New York, the shop's zone.
        let t2 = try int("SELECT sold_at FROM sales WHERE order_id = 'T2'")
        #expect(t2 == Int(ISO8601DateFormatter().date(from: "2017-11-16T05:18:15Z")!.timeIntervalSince1970))
        #expect(try dayRevenue("2017-11-15") == 980)
        #expect(try dayRevenue("2017-11-16") == -120)
        #expect(
            try store.database.query("SELECT name FROM products ORDER BY name") { $0.string(0) }
                == ["Americano", "Croissant", "Latte (Large)"])
        try expectRollupsMatchLines()
    }

    @Test func semicolonFileWithDecimalCommasAndDayFirstDates() throws {
        let report = try importFixture("semicolon_decimal_comma.csv")
        #expect(report.status == .imported)
        #expect(report.inserted == 4)
        #expect(try int("SELECT SUM(total) FROM sales") == 3540)
        #expect(try dayRevenue("2024-03-05") == 720)
        #expect(try dayRevenue("2024-03-13") == 2820)
        #expect(try int("SELECT SUM(orders) FROM daily_sales") == 3)
        #expect(report.notes.contains("dates read day first (31/12)"))
        try expectRollupsMatchLines()
    }

    @Test func windows1252ProductListIsReadAndSaysSo() throws {
        let report = try importFixture("windows1252_products.csv")
        #expect(report.status == .imported)
        #expect(report.kind == .products)
        #expect(report.inserted == 3)
        #expect(report.notes.contains("read as Windows-1252 (the file is not UTF-8)"))
        let cafe = try #require(
            try store.database.queryFirst(
                "SELECT name, unit_cost, unit_price, reorder_point FROM products WHERE sku = 'CAF-CRM'"
            ) {
                ($0.string(0), $0.int(1), $0.int(2), $0.optionalInt(3))
            })
        #expect(cafe.0 == "Café Crème")
        #expect(cafe.1 == 70 && cafe.2 == 320 && cafe.3 == nil)
        #expect(try int("SELECT pack_size FROM products WHERE sku = 'BAK-001'") == 6)
    }

    @Test func shopifyProductsExportWithVariantRows() throws {
        let report = try importFixture("shopify_products_export.csv")
        #expect(report.status == .imported)
        #expect(report.kind == .products)
        #expect(report.layout == "Shopify products export")
        #expect(report.inserted == 3)
        let products = try store.database.query(
            "SELECT sku, name, category, unit_price, unit_cost FROM products ORDER BY sku"
        ) {
            "\($0.string(0))|\($0.string(1))|\($0.string(2))|\($0.int(3))|\($0.optionalInt(4).map(String.init) ?? "-")"
        }
        #expect(
            products == [
                "BEANS-1K|House Coffee Beans (1kg)|Pantry|2900|1400",
                "BEANS-250|House Coffee Beans (250g)|Pantry|850|410",
                "LITH-1|Lithograph - Height: 9\" x Width: 12\"|Art|2500|-",
            ])
    }

    @Test func aProductListSetsHowEachProductIsOrdered() throws {
        let report = try importFixture("products_with_ordering_terms.csv")
        #expect(report.status == .imported)
        #expect(report.inserted == 3)
        let terms = try store.orderingTerms(orgID: org.id)
        let ids = Dictionary(
            uniqueKeysWithValues: try store.products(orgID: org.id).map { ($0.sku, $0) })
        #expect(ids["OAT-1"]?.leadTimeDays == 2)
        #expect(ids["OAT-1"]?.packSize == 12)
        #expect(terms[ids["OAT-1"]!.id] == OrderingTerms(supplier: "Dairy Direct", reviewDays: 7, minimumOrder: 24))
        #expect(terms[ids["CUP-12"]!.id] == OrderingTerms(supplier: "PackCo", reviewDays: 14, minimumOrder: 0))
        // Nothing said about the beans: no terms stored, the defaults apply.
        #expect(terms[ids["BEAN-1"]!.id] == nil)

        // A new supplier with the other cells empty keeps the rest; a row of empty cells changes nothing.
        let importer = Importer(store: store, org: org)
        let update = Array("SKU,Vendor,MOQ,Order every\nOAT-1,Oatly Wholesale,,\nCUP-12,,,\n".utf8)
        let second = try importer.importBytes(
            update, fileName: "vendors.csv", options: .init(kind: .products, now: now))
        #expect(second.updated == 1)
        #expect(second.unchanged == 1)
        // A review period of no days is a row error naming the column, and changes nothing.
        let bad = Array("SKU,Order every\nCUP-12,0\n".utf8)
        let third = try importer.importBytes(bad, fileName: "bad.csv", options: .init(kind: .products, now: now))
        #expect(third.rejected == 1)
        #expect(third.errors.first?.column == "Order every")
        #expect(third.errors.first?.message.contains("1 to 365 days") == true)
        #expect(
            try store.orderingTerms(productID: ids["OAT-1"]!.id)
                == OrderingTerms(supplier: "Oatly Wholesale", reviewDays: 7, minimumOrder: 24))
        #expect(try store.orderingTerms(productID: ids["CUP-12"]!.id).reviewDays == 14)
    }

    @Test func aDealersOrderLinesNameTheProductByModel() throws {
        let report = try importFixture("bike_dealer_order_lines.csv")
        #expect(report.status == .imported)
        #expect(report.kind == .sales)
        #expect(report.inserted == 3)
        #expect(
            try store.database.query("SELECT name, category FROM products ORDER BY name") {
                [$0.string(0), $0.string(1)]
            }
                == [["Road Alloy 105", "Road"], ["Trail Carbon 2", "Mountain"]])
        #expect(try int("SELECT SUM(total) FROM sales") == 1_192_000)
        #expect(
            try int(
                "SELECT SUM(quantity) FROM sales WHERE product_id = (SELECT id FROM products WHERE name = 'Road Alloy 105')"
            ) == 3)
        try expectRollupsMatchLines()
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let report = try importFixture("embedded_newlines_sales.csv")
        #expect(report.status == .imported)
        #expect(report.inserted == 3)
        #expect(try int("SELECT SUM(total) FROM sales") == 2410)
        #expect(try int("SELECT SUM(quantity) FROM sales") == 5)
        #expect(
            try store.database.query("SELECT name FROM products ORDER BY sku") { $0.string(0) }
                == ["Juice \"fresh\"", "Ham & Cheese, toasted"])
    }

    @Test func shopifyInventoryExportSkipsNotStocked() throws {
        _ = try importFixture("windows1252_products.csv")
        let report = try importFixture("shopify_inventory_export.csv")
        #expect(report.kind == .inventory)
        #expect(report.status == .imported)
        #expect(report.inserted == 2)
        #expect(report.skipped == 1)
        #expect(report.newProductCount == 0)
        #expect(
            try int(
                "SELECT quantity FROM inventory_levels l JOIN products p ON p.id = l.product_id WHERE p.sku = 'OAT-1'")
                == 8)
        #expect(
            try int(
                "SELECT quantity FROM inventory_levels l JOIN products p ON p.id = l.product_id WHERE p.sku = 'BAK-001'"
            ) == -2)
    }

    @Test func shiftsIncludingOneOvernight() throws {
        let report = try importFixture("shifts.csv")
        #expect(report.kind == .shifts)
        #expect(report.inserted == 2)
        let hours = try store.database.query(
            "SELECT person, (ends_at - starts_at) / 3600, hourly_rate FROM shifts ORDER BY person"
        ) {
            "\($0.string(0)) \($0.int(1)) \($0.int(2))"
        }
        #expect(hours == ["Maria 8 1650", "Sam 8 1200"])
    }

    /// Issue 23: timecards as schedule tools export them, with unpaid breaks written as minutes, h:mm or hours.
    @Test func timecardsWithTheirBreaks() throws {
        let text = """
            Team Member,Job Title,Clock-In Date,Clock-In Time,Clock-Out Time,Wage Rate,Unpaid Breaks
            Sam K,Barista,2024-03-05,07:00,15:00,12.50,30
            Priya,Floor,2024-03-05,11:00,19:30,12.00,0:45
            Tom,Kitchen,2024-03-05,22:00,06:00,13.00,0.5 h

            """
        let report = try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "timecards.csv", options: .init(now: now))
        #expect(report.kind == .shifts && report.inserted == 3 && report.errors.isEmpty, "\(report.errors)")
        let rows = try store.database.query(
            "SELECT person, role, (ends_at - starts_at) / 3600, hourly_rate, break_minutes FROM shifts ORDER BY person"
        ) { "\($0.string(0)) \($0.string(1)) \($0.int(2)) \($0.int(3)) \($0.int(4))" }
        #expect(rows == ["Priya Floor 8 1200 45", "Sam K Barista 8 1250 30", "Tom Kitchen 8 1300 30"], "\(rows)")
        // A break that is no length, among good rows: that row is refused and says why.
        var more = "staff,clock in,clock out,break\n"
        for day in 1...20 {
            more += "Ann,2024-04-\(day < 10 ? "0" : "")\(day) 09:00,2024-04-\(day < 10 ? "0" : "")\(day) 17:00,30\n"
        }
        more += "Ann,2024-04-21 09:00,2024-04-21 17:00,a while\n"
        let second = try Importer(store: store, org: org).importBytes(
            Array(more.utf8), fileName: "breaks.csv", options: .init(now: now))
        #expect(
            second.errors.map(\.description) == [
                "line 22, column \"break\": \"a while\" is not a break (expected minutes like 30, or 0:30)"
            ], "\(second.errors)")
    }

    @Test func shiftsAsFullDatetimesAndTheirMistakes() throws {
        var text = "staff,clock in,clock out,rate\n"
        for index in 0..<25 {
            text += "Person \(index),2024-03-0\(1 + index % 9) 09:00,2024-03-0\(1 + index % 9) 17:30,12.00\n"
        }
        text += "Late,2024-03-05 18:00,2024-03-05 09:00,12.00\n"
        let report = try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "clock.csv", options: .init(now: now))
        #expect(report.kind == .shifts)
        #expect(report.inserted == 25)
        #expect(report.errors.map(\.description) == ["line 27, column \"clock out\": is not after the start"])
        #expect(try int("SELECT MIN(ends_at - starts_at) FROM shifts") == 30_600)
    }

    @Test func theSameFileTwiceIsANoOpThatSaysWhen() throws {
        let first = try importFixture("shopify_orders_export.csv")
        #expect(first.status == .imported)
        let revenue = try int("SELECT SUM(revenue) FROM daily_sales")
        let second = try importFixture("shopify_orders_export.csv")
        guard case .duplicate(let at, _) = second.status else {
            Issue.record("expected a duplicate, got \(second.status)")
            return
        }
        #expect(at == now)
        #expect(try int("SELECT SUM(revenue) FROM daily_sales") == revenue)
        #expect(try int("SELECT COUNT(*) FROM sales") == 5)
        #expect(try int("SELECT COUNT(*) FROM imports WHERE kind = 'sales'") == 1)
    }

    /// A file the size of an earlier import is hashed before its rows are read: the same file is answered at
    /// once; another of the same size imports as usual; one imported before sizes were kept is still found.
    @Test func aRepeatedFileIsFoundBeforeItsRowsAreRead() throws {
        let importer = Importer(store: store, org: org)
        let text = "order,line,sold at,sku,qty,price\n1,1,2024-03-01 10:00,A,1,1.00\n"
        #expect(
            try importer.importBytes(Array(text.utf8), fileName: "a.csv", options: .init(now: now)).status == .imported)
        #expect(try int("SELECT bytes FROM imports") == text.utf8.count)

        let again = try importer.importBytes(Array(text.utf8), fileName: "renamed.csv", options: .init(now: now))
        guard case .duplicate = again.status else { Issue.record("expected a duplicate, got \(again.status)"); return }
        #expect(again.rowsRead == 0)

        let sameSize = text.replacingOccurrences(of: "A,1,1.00", with: "B,1,1.00")
        #expect(sameSize.utf8.count == text.utf8.count)
        let other = try importer.importBytes(Array(sameSize.utf8), fileName: "b.csv", options: .init(now: now))
        #expect(other.status == .imported)
        #expect(other.inserted == 0 && other.updated == 1)

        try store.database.execute("UPDATE imports SET bytes = NULL")
        let older = try importer.importBytes(Array(text.utf8), fileName: "a.csv", options: .init(now: now))
        guard case .duplicate = older.status else { Issue.record("expected a duplicate, got \(older.status)"); return }
        #expect(older.rowsRead == 1)
        #expect(try int("SELECT COUNT(*) FROM imports") == 2)
    }

    @Test func anOverlappingFileUpdatesInPlace() throws {
        func file(_ rows: [String]) -> [UInt8] {
            Array(("order,line,sold at,sku,qty,price\n" + rows.joined(separator: "\n") + "\n").utf8)
        }
        let importer = Importer(store: store, org: org)
        let a = try importer.importBytes(
            file([
                "1,1,2024-03-01 10:00,A,1,1.00", "2,1,2024-03-02 10:00,A,2,1.00", "2,2,2024-03-02 10:00,B,1,5.00",
            ]), fileName: "a.csv", options: .init(now: now))
        #expect(a.inserted == 3)
        let b = try importer.importBytes(
            file([
                "2,1,2024-03-02 10:00,A,2,1.00", "2,2,2024-03-03 09:00,B,3,5.00", "3,1,2024-03-03 11:00,A,1,1.00",
            ]), fileName: "b.csv", options: .init(now: now))
        #expect(b.status == .imported)
        #expect(b.inserted == 1 && b.updated == 1 && b.unchanged == 1)
        #expect(try int("SELECT COUNT(*) FROM sales") == 4)
        #expect(try dayRevenue("2024-03-01") == 100)
        #expect(try dayRevenue("2024-03-02") == 200)
        #expect(try dayRevenue("2024-03-03") == 1600)
        #expect(try int("SELECT orders FROM daily_sales WHERE day = '2024-03-03'") == 2)
        try expectRollupsMatchLines()
    }

    /// Every rollup table as a full rebuild from the lines makes it.
    func expectRollupsEqualRebuild(sourceLocation: SourceLocation = #_sourceLocation) throws {
        func tables() throws -> [[String]] {
            try ["daily_product_sales", "monthly_product_sales", "yearly_product_sales", "daily_sales", "hourly_sales"]
                .map { table in
                    try store.database.query("SELECT * FROM \(table) ORDER BY 1, 2") { row in
                        (0..<7).map { row.isNull($0) ? "" : row.string($0) }.joined(separator: "|")
                    }
                }
        }
        let written = try tables()
        try store.write { try SalesRollups(database: store.database, org: org).rebuild() }
        #expect(written == (try tables()), sourceLocation: sourceLocation)
        try expectRollupsAddUp(in: store, timeZone: org.timeZone, sourceLocation: sourceLocation)
        try expectEveryReferenceHolds(in: store, sourceLocation: sourceLocation)
    }

    /// The uploader is read again inside the import's transaction: one removed since is recorded as no one,
    /// not as a member id that names nobody.
    @Test func anUploaderRemovedSinceIsRecordedAsNoOne() throws {
        let report = try Importer(store: store, org: org).importBytes(
            Array("order,sold at,product,qty,price\n1,2024-03-01 10:00,Latte,1,3.50\n".utf8),
            fileName: "latte.csv", options: .init(memberID: 404, now: now))
        #expect(report.status == .imported)
        #expect(try store.database.queryValue("SELECT member_id FROM imports") == .null)
        #expect(try store.database.queryValue("SELECT member_id FROM activity WHERE kind = 'import'") == .null)
        try expectEveryReferenceHolds(in: store)
    }

    /// The reading thread numbers the new products a file names; one named first by a rejected row is created
    /// when a good row names it, after products named since, and every line's sums land on the right product.
    @Test func aNewProductFirstNamedByARejectedRowIsCreatedLater() throws {
        var rows = ["1,1,2024-03-01 10:00,NA,New A,1,1.00,abc"]
        for order in 2...30 {
            rows.append("\(order),1,2024-03-0\(order % 3 + 1) 11:00,N\(order % 4),New \(order % 4),2,2.00,")
        }
        rows.append("31,1,2024-03-02 12:00,NA,New A,1,1.00,0.40")
        let report = try Importer(store: store, org: org).importBytes(
            Array(("order,line,sold at,sku,product,qty,price,cost\n" + rows.joined(separator: "\n")).utf8),
            fileName: "new.csv", options: .init(now: now))
        #expect(report.status == .imported)
        #expect(report.inserted == 30 && report.rejected == 1)
        #expect(report.newProducts == ["New 2", "New 3", "New 0", "New 1", "New A"])
        #expect(
            try int("SELECT units FROM daily_product_sales d JOIN products p ON p.id = d.product_id WHERE p.sku = 'NA'")
                == 1)
        try expectRollupsEqualRebuild()
    }

    /// A product the file names by a name the shop does not know, but whose SKU would be one the shop has, is
    /// that stored product: its lines' sums join the ones of lines naming it by its own name.
    @Test func aNewNameForAStoredSKUSumsWithTheStoredProduct() throws {
        let latte = try store.upsertProduct(Product(sku: "Latte", name: "Coffee Latte", unitPrice: 350), orgID: org.id)
        let report = try Importer(store: store, org: org).importBytes(
            Array(
                "order,sold at,product,qty,price\n1,2024-03-01 10:00,Latte,1,3.50\n2,2024-03-01 11:00,Coffee Latte,2,3.50\n"
                    .utf8),
            fileName: "latte.csv", options: .init(now: now))
        #expect(report.inserted == 2)
        #expect(try int("SELECT COUNT(*) FROM products") == 1)
        #expect(try int("SELECT units FROM daily_product_sales WHERE product_id = ?", [.integer(latte)]) == 3)
        try expectRollupsEqualRebuild()
    }

    static func bigFile(badLine: Int?) -> [UInt8] {
        var text = "order,line,sold at,sku,qty,price\n"
        for index in 0..<10_000 {
            let quantity = index + 2 == badLine ? "two" : "1"
            let day = 1 + index % 9
            text += "\(index),1,2024-03-0\(day) 10:00,SKU-\(index % 50),\(quantity),1.50\n"
        }
        return Array(text.utf8)
    }

    @Test func oneBadRowInTenThousandIsReportedAndTheRestImported() throws {
        let report = try Importer(store: store, org: org).importBytes(
            Self.bigFile(badLine: 5_002), fileName: "big.csv", options: .init(now: now))
        #expect(report.status == .imported)
        #expect(report.inserted == 9_999)
        #expect(report.rejected == 1)
        #expect(report.errors.map(\.description) == ["line 5002, column \"qty\": \"two\" is not a number"])
        let errors = String(decoding: try #require(report.errorCSV), as: UTF8.self)
        #expect(
            errors == "order,line,sold at,sku,qty,price,error\r\n5000,1,2024-03-06 10:00,SKU-0,two,1.50,"
                + "\"line 5002, column \"\"qty\"\": \"\"two\"\" is not a number\"\r\n")
        #expect(try int("SELECT COUNT(*) FROM sales") == 9_999)
        try expectRollupsMatchLines()
    }

    @Test func strictModeImportsNothingForOneBadRow() throws {
        let report = try Importer(store: store, org: org).importBytes(
            Self.bigFile(badLine: 5_002), fileName: "big.csv", options: .init(strict: true, now: now))
        guard case .rejected(let reason) = report.status else {
            Issue.record("strict mode imported \(report.inserted) rows")
            return
        }
        #expect(reason.contains("line 5002"))
        #expect(try int("SELECT COUNT(*) FROM sales") == 0)
        #expect(try int("SELECT COUNT(*) FROM products") == 0)
        #expect(try int("SELECT COUNT(*) FROM daily_sales") == 0)
        #expect(try int("SELECT COUNT(*) FROM imports WHERE status = 'rejected'") == 1)
    }

    @Test func moreThanFivePercentBadImportsNothing() throws {
        var text = "sku,qty,date\n"
        for index in 0..<100 { text += "S\(index),\(index < 6 ? "lots" : "3"),2024-03-01\n" }
        let report = try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "counts.csv", options: .init(now: now))
        guard case .rejected(let reason) = report.status else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason.hasPrefix("6 of 100 rows have problems"))
        #expect(report.errorCSV != nil)
        #expect(try int("SELECT COUNT(*) FROM inventory_levels") == 0)
        #expect(try int("SELECT COUNT(*) FROM products") == 0)
    }

    @Test func aFileOfUnknownShapeListsWhatItFoundAndNeeds() throws {
        let report = try Importer(store: store, org: org).importBytes(
            Array("colour,size\nred,M\n".utf8), fileName: "x.csv", options: .init(now: now))
        guard case .rejected(let reason) = report.status else {
            Issue.record("expected a rejection")
            return
        }
        #expect(reason.contains("Columns found: \"colour\", \"size\""))
        #expect(
            reason.contains(
                "sales (sold at (date and time) or date, SKU or product name or item list, unit price or total"))
        let asSales = try Importer(store: store, org: org).importBytes(
            Array("sku,qty\nA,1\n".utf8), fileName: "y.csv", options: .init(kind: .sales, now: now))
        guard case .rejected(let salesReason) = asSales.status else {
            Issue.record("expected a rejection")
            return
        }
        #expect(
            salesReason.contains(
                "needs columns for sold at (date and time) or date, unit price or total or gross sales"))
    }

    @Test func rowsOfTheWrongLengthAndUnclosedQuotes() throws {
        let short = try Importer(store: store, org: org).importBytes(
            Array(("sku,qty\n" + (0..<30).map { "S\($0),1" }.joined(separator: "\n") + "\nS99\n").utf8),
            fileName: "short.csv", options: .init(now: now))
        #expect(short.status == .imported)
        #expect(short.errors.map(\.description) == ["line 32: has 1 fields; the header has 2"])
        let broken = try Importer(store: store, org: org).importBytes(
            Array("sku,qty\nA,1\n\"B,2\n".utf8), fileName: "broken.csv", options: .init(now: now))
        #expect(
            broken.status
                == .rejected(
                    reason: "The file is not valid CSV: line 3: a quoted field is never closed (a \" is missing)."))
    }
}
