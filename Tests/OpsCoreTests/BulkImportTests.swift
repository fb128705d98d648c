import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Large imports: secondary indexes set aside and rebuilt, rows read on a second thread.
@Suite struct BulkImportTests {
    let store: Store
    let org: Org
    let now = ISO8601DateFormatter().date(from: "2024-04-01T12:00:00Z")!

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
    }

    /// Past the point where the importer sets the indexes aside; lines spread over three months and 300 products,
    /// some across the DST change.
    static let lines = DeferredIndexes.minimumLines + 10_000

    /// Every fifth line from `locatedFrom` on is sold at the market; order ids start with `orders`. Lines come in
    /// time order unless `inTimeOrder` is false: their times are then dealt out of order.
    static func file(
        lines: Int = lines, badLine: Int? = nil, locatedFrom: Int = 0, orders: String = "O", inTimeOrder: Bool = true
    ) -> [UInt8] {
        var text = "order,line,sold at,sku,qty,price,location\n"
        var times = Array(0..<lines)
        var random = SeededRandom(seed: 11)
        if !inTimeOrder { times.shuffle(using: &random) }
        for index in 0..<lines {
            let quantity = index + 2 == badLine ? "two" : "\(1 + index % 3)"
            let minutes = times[index] * 3
            let day = 1 + minutes / 1_440 % 28
            let month = 2 + minutes / (1_440 * 28)
            let time = "\(10 + minutes % 600 / 60):\(String(format: "%02d", minutes % 60))"
            text +=
                "\(orders)\(index / 2),\(index % 2 + 1),2024-0\(month)-\(String(format: "%02d", day)) \(time),"
                + "SKU-\(index * 7 % 300),\(quantity),\(1 + index % 9).50,\(index % 5 == 0 && index >= locatedFrom ? "Market" : "")\n"
        }
        return Array(text.utf8)
    }

    func indexDefinitions() throws -> [String] {
        try store.database.query(
            "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
        ) {
            $0.string(0)
        }
    }

    /// Bumped by every DROP and CREATE: shows whether an import set the indexes aside.
    func schemaVersion() throws -> Int { try store.database.queryInt("PRAGMA schema_version") }

    /// Every rollup table, in key order.
    func rollups() throws -> [[String]] {
        let tables = [
            "SELECT product_id, day, units, revenue, cost, costed_revenue, lines FROM daily_product_sales ORDER BY 1, 2",
            "SELECT product_id, month, units, revenue, cost, costed_revenue, lines FROM monthly_product_sales ORDER BY 1, 2",
            "SELECT product_id, year, units, revenue, cost, costed_revenue, lines FROM yearly_product_sales ORDER BY 1, 2",
            "SELECT day, units, revenue, cost, costed_revenue, orders, lines FROM daily_sales ORDER BY 1",
            "SELECT hour_start, units, revenue, cost, costed_revenue, orders, lines FROM hourly_sales ORDER BY 1",
            "SELECT location, day, units, revenue, cost, costed_revenue, orders, lines FROM daily_location_sales ORDER BY 1, 2",
        ]
        return try tables.map { sql in
            try store.database.query(sql) { row in
                (0..<8).map { row.isNull($0) ? "" : row.string($0) }.joined(separator: "|")
            }
        }
    }

    @Test func aLargeImportRebuildsTheIndexesAsTheSchemaDefinesThem() throws {
        let before = try indexDefinitions()
        let version = try schemaVersion()
        let report = try Importer(store: store, org: org).importBytes(
            Self.file(inTimeOrder: false), fileName: "big.csv", options: .init(now: now))
        #expect(report.status == .imported)
        #expect(report.inserted == Self.lines)
        #expect(try indexDefinitions() == before)
        #expect(try schemaVersion() == version + 2 * DeferredIndexes.names.count)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == Self.lines)
        let plan = try store.database.query(
            "EXPLAIN QUERY PLAN SELECT SUM(total) FROM sales WHERE org_id = 1 AND sold_at >= 0"
        ) {
            $0.string(3)
        }
        #expect(plan.joined().contains("sales_by_time"))

        // The rollups kept during the import equal the ones rebuilt from the stored lines.
        let kept = try rollups()
        #expect(kept[0].count > 1_000)
        try store.write { try SalesRollups(database: store.database, org: org).rebuild() }
        #expect(try rollups() == kept)
        try expectRollupsMatchLines()
    }

    /// An import a good part of the size of the shop, but not half: only the product days' index is set aside
    /// (it costs more to keep up a row), and it comes back as defined.
    @Test func aMidSizedImportSetsAsideOnlyTheProductDaysIndex() throws {
        for orders in ["A", "B"] {
            let report = try Importer(store: store, org: org).importBytes(
                Self.file(orders: orders), fileName: "\(orders).csv", options: .init(now: now))
            #expect(report.inserted == Self.lines)
        }
        let before = try indexDefinitions()
        let version = try schemaVersion()
        let lines = DeferredIndexes.minimumLines
        #expect(!DeferredIndexes.worthDeferring(.lines, inserted: lines, stored: 2 * Self.lines, inTimeOrder: false))
        #expect(
            DeferredIndexes.worthDeferring(.productDays, inserted: lines, stored: 2 * Self.lines, inTimeOrder: false))
        let report = try Importer(store: store, org: org).importBytes(
            Self.file(lines: lines, orders: "C"), fileName: "C.csv", options: .init(now: now))
        #expect(report.inserted == lines)
        #expect(try schemaVersion() == version + 2 * DeferredIndexes.Group.productDays.names.count)
        #expect(try indexDefinitions() == before)
        #expect(try store.database.queryValue("PRAGMA integrity_check") == .text("ok"))
        try expectRollupsMatchLines()
    }

    /// The location index holds only located lines: an import with none by the time the indexes are set aside
    /// leaves it in place, and the located lines after that are added to it as they come.
    @Test func aLargeImportWithoutLocationsKeepsTheLocationIndex() throws {
        let before = try indexDefinitions()
        let version = try schemaVersion()
        let report = try Importer(store: store, org: org).importBytes(
            Self.file(locatedFrom: DeferredIndexes.minimumLines + 5_000, inTimeOrder: false), fileName: "big.csv",
            options: .init(now: now))
        #expect(report.inserted == Self.lines)
        #expect(try schemaVersion() == version + 2 * (DeferredIndexes.names.count - 1))
        #expect(try indexDefinitions() == before)
        #expect(try store.database.queryValue("PRAGMA integrity_check") == .text("ok"))
        let located = try store.database.queryInt(
            "SELECT COUNT(*) FROM sales INDEXED BY sales_by_location WHERE org_id = ? AND location = 'Market' AND location <> ''",
            [.integer(org.id)])
        #expect(located == 1_000)
        try expectRollupsMatchLines()
    }

    @Test func aLargeImportThatFailsLeavesTheIndexesAndNoRows() throws {
        let before = try indexDefinitions()
        let report = try Importer(store: store, org: org).importBytes(
            Self.file(badLine: Self.lines - 5), fileName: "big.csv", options: .init(strict: true, now: now))
        guard case .rejected(let reason) = report.status else {
            Issue.record("strict mode imported \(report.inserted) rows")
            return
        }
        #expect(reason.contains("line \(Self.lines - 5)"))
        #expect(try indexDefinitions() == before)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 0)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM daily_product_sales") == 0)
    }

    @Test func aFailureEarlyInALargeFileStopsTheReadingThread() throws {
        // Strict mode stops at line 3: the reader must stop too, not read the remaining rows into a queue nobody empties.
        let report = try Importer(store: store, org: org).importBytes(
            Self.file(badLine: 3), fileName: "big.csv", options: .init(strict: true, now: now))
        #expect(report.rowsRead == 2)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 0)
        // The next import runs normally on the same store.
        let again = try Importer(store: store, org: org).importBytes(
            Self.file(lines: 100), fileName: "small.csv", options: .init(now: now))
        #expect(again.inserted == 100)
    }

    @Test func reimportingALargeFileAfterASmallOneUpdatesInPlace() throws {
        let version = try schemaVersion()
        let first = try Importer(store: store, org: org).importBytes(
            Self.file(lines: 1_000), fileName: "first.csv", options: .init(now: now))
        #expect(first.inserted == 1_000)
        #expect(try schemaVersion() == version, "a small import keeps its indexes in step")
        let second = try Importer(store: store, org: org).importBytes(
            Self.file(), fileName: "big.csv", options: .init(now: now))
        #expect(second.unchanged == 1_000)
        #expect(second.inserted == Self.lines - 1_000)
        let kept = try rollups()
        try store.write { try SalesRollups(database: store.database, org: org).rebuild() }
        #expect(try rollups() == kept)
    }

    /// Every day's and hour's order count equals a count of distinct orders over the stored lines, and every
    /// other rollup sum what `RollupOracle` adds up from them.
    func expectRollupsMatchLines(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let calendar = org.calendar
        let days = try store.database.query("SELECT day, orders FROM daily_sales") { ($0.string(0), $0.int(1)) }
        for (day, orders) in days {
            let start = calendar.date(dayKey: day)!
            let end = calendar.startOfDay(start, adding: 1)
            let counted = try store.database.queryInt(
                "SELECT COUNT(DISTINCT source || char(31) || order_id) FROM sales WHERE sold_at >= ? AND sold_at < ?",
                [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))])
            #expect(orders == counted, "day \(day)", sourceLocation: sourceLocation)
        }
        let hours = try store.database.query("SELECT hour_start, orders FROM hourly_sales") { ($0.int64(0), $0.int(1)) }
        for (hour, orders) in hours {
            let counted = try store.database.queryInt(
                "SELECT COUNT(DISTINCT source || char(31) || order_id) FROM sales WHERE sold_at >= ? AND sold_at < ?",
                [.integer(hour), .integer(hour + 3600)])
            #expect(orders == counted, "hour \(hour)", sourceLocation: sourceLocation)
        }
        #expect(days.count > 0 && hours.count > 0, sourceLocation: sourceLocation)
        try expectRollupsAddUp(in: store, timeZone: org.timeZone, sourceLocation: sourceLocation)
        try expectEveryReferenceHolds(in: store, sourceLocation: sourceLocation)
    }

    /// Orders are counted while writing only where that is exact: a time-ordered file; then one out of order,
    /// with orders across hours, lines repeated at another time (updated within the file) and days that
    /// already had lines.
    @Test func orderCountsAreExactInAndOutOfTimeOrder() throws {
        var first = try Importer(store: store, org: org).importBytes(
            Self.file(), fileName: "big.csv", options: .init(now: now))
        #expect(first.inserted == Self.lines)
        try expectRollupsMatchLines()

        var random = SeededRandom(seed: 7)
        var rows: [String] = []
        for index in 0..<3_000 {
            // Orders of up to four lines, some spread over two hours; a few lines of the first file again.
            let order = index / 4
            let minutes = Int(random.next() % 20_000) * 7 + (index % 4 == 3 ? 61 : 0)
            let day = 1 + minutes / 1_440 % 28
            let month = 2 + minutes / (1_440 * 28)
            let time = "\(minutes % 1_440 / 60):\(String(format: "%02d", minutes % 60))"
            let id = index % 50 == 0 ? "O\(index)" : "R\(order)"
            rows.append(
                "\(id),\(index % 4 + 1),2024-0\(month)-\(String(format: "%02d", day)) \(time),SKU-\(index % 40),1,2.50,"
            )
        }
        // The same natural key twice at different times: the second moves the line.
        rows.append("R5,1,2024-03-20 09:30,SKU-1,1,2.50,")
        let text = "order,line,sold at,sku,qty,price,location\n" + rows.joined(separator: "\n") + "\n"
        first = try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "mixed.csv", options: .init(now: now))
        #expect(first.status == .imported)
        #expect(first.updated > 0)
        try expectRollupsMatchLines()
    }

    @Test func indexesAreSetAsideOnlyWhenTheImportOutweighsTheStoredLines() {
        for group in DeferredIndexes.Group.allCases {
            #expect(DeferredIndexes.worthDeferring(group, inserted: 50_000, stored: 0, inTimeOrder: false))
            #expect(!DeferredIndexes.worthDeferring(group, inserted: 49_999, stored: 0, inTimeOrder: false))
        }
        #expect(!DeferredIndexes.worthDeferring(.lines, inserted: 60_000, stored: 200_000, inTimeOrder: false))
        #expect(DeferredIndexes.worthDeferring(.lines, inserted: 100_000, stored: 200_000, inTimeOrder: false))
        // The product days' index costs more to keep a row and less to build again a row.
        #expect(DeferredIndexes.worthDeferring(.productDays, inserted: 60_000, stored: 200_000, inTimeOrder: false))
        #expect(!DeferredIndexes.worthDeferring(.productDays, inserted: 60_000, stored: 700_000, inTimeOrder: false))
        // Lines in time order extend the lines' indexes at one end: those are kept, however many.
        #expect(!DeferredIndexes.worthDeferring(.lines, inserted: 1_000_000, stored: 0, inTimeOrder: true))
        #expect(DeferredIndexes.worthDeferring(.productDays, inserted: 1_000_000, stored: 0, inTimeOrder: true))
    }

    /// Oldest first or newest first, lines of an order sharing their time, with a few late ones: in time order.
    /// Dealt out, or mostly in order with every fifth line going back: not.
    @Test func timeOrderIsEitherWayWithAFewStepsBack() {
        func isKept(_ times: [Int64]) -> Bool {
            var order = DeferredIndexes.TimeOrder()
            for time in times { order.add(time) }
            return order.isKept
        }
        let ascending = (0..<1_000).map { Int64($0 / 3 * 60) }
        #expect(isKept(ascending))
        #expect(isKept(ascending.reversed()))
        #expect(isKept([]))
        #expect(isKept(ascending.enumerated().map { $0.offset % 60 == 59 ? $0.element - 600 : $0.element }))
        #expect(!isKept(ascending.enumerated().map { $0.offset % 5 == 4 ? $0.element - 600 : $0.element }))
        var random = SeededRandom(seed: 3)
        #expect(!isKept(ascending.shuffled(using: &random)))
    }

    /// A large import in time order keeps the lines' indexes in step as it goes (an append), and sets aside only
    /// the product days' index; either way the indexes end as the schema defines them. (Newest first is the same
    /// rule, `timeOrderIsEitherWayWithAFewStepsBack`.)
    @Test func aLargeImportInTimeOrderKeepsTheLinesIndexes() throws {
        let before = try indexDefinitions()
        let version = try schemaVersion()
        let file = Self.file(locatedFrom: 0)
        let report = try Importer(store: store, org: org).importBytes(
            file, fileName: "big.csv", options: .init(now: now))
        #expect(report.inserted == Self.lines)
        #expect(try schemaVersion() == version + 2 * DeferredIndexes.Group.productDays.names.count)
        #expect(try indexDefinitions() == before)
        #expect(try store.database.queryValue("PRAGMA integrity_check") == .text("ok"))
        try expectRollupsMatchLines()
    }
}
