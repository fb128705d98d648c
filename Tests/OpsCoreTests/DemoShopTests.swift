import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct DemoShopTests {
    static let zone = TimeZone(identifier: "America/Chicago")!

    static func now(_ org: Org) -> Date { org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600) }

    @Test func aYearOfDemoDataKeepsItsInvariants() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: Self.zone)
        let now = Self.now(org)
        let summary = try DemoShop(seed: 42, now: now).generate(into: store, org: org)
        let db = store.database

        #expect(summary.products == 150)
        #expect(try db.queryInt("SELECT COUNT(DISTINCT category) FROM products") == 10)
        #expect(try db.queryInt("SELECT COUNT(*) FROM sales") == summary.salesLines)
        #expect(summary.salesLines > 100_000)
        #expect(try store.org(id: org.id).name == "Corner Café")

        // No negative stock, now or ever.
        #expect(try db.queryInt("SELECT COUNT(*) FROM inventory_levels WHERE quantity < 0") == 0)
        #expect(try db.queryInt("SELECT COUNT(*) FROM inventory_history WHERE quantity < 0") == 0)
        // Some products below their reorder point, a couple out, some stock-outs in the past.
        #expect(summary.lowStock >= 10)
        #expect(try db.queryInt("SELECT COUNT(*) FROM inventory_levels WHERE quantity = 0") >= 1)
        #expect(try db.queryInt("SELECT COUNT(*) FROM inventory_history WHERE reason = 'stock-out'") >= 8)

        // Every sale references a product of the org; the foreign keys hold.
        #expect(
            try db.queryInt(
                "SELECT COUNT(*) FROM sales s LEFT JOIN products p ON p.id = s.product_id WHERE p.id IS NULL OR p.org_id <> s.org_id"
            ) == 0)
        #expect(try db.query("PRAGMA foreign_key_check") { $0.string(0) }.isEmpty)

        // Sales run up to now and no further; a year of days, each with sales.
        let last = try db.queryInt("SELECT MAX(sold_at) FROM sales")
        #expect(last < Int(now.timeIntervalSince1970))
        #expect(last > Int(now.timeIntervalSince1970) - 3 * 3600)
        #expect(try db.queryInt("SELECT COUNT(*) FROM daily_sales") == 365)

        // Weekends sell more than weekdays; summer drinks sell more in July than in January.
        let byWeekday = try db.query(
            "SELECT CAST(strftime('%w', day) AS INTEGER), AVG(revenue) FROM daily_sales GROUP BY 1 ORDER BY 1"
        ) { $0.double(1) }
        #expect(byWeekday[6] > byWeekday[2] * 1.2)
        let iced = try db.query(
            """
            SELECT substr(d.day, 6, 2), SUM(d.units) FROM daily_product_sales d JOIN products p ON p.id = d.product_id
            WHERE p.name = 'Iced Latte' AND substr(d.day, 6, 2) IN ('01', '07') GROUP BY 1 ORDER BY 1
            """
        ) { $0.int(1) }
        #expect(iced.count == 2 && iced[1] > iced[0] * 2)
        // Promotions: some lines sold at a discount.
        #expect(try db.queryInt("SELECT COUNT(*) FROM sales WHERE discount > 0") > 100)
        // Eight weeks of shifts, for members who can be addressed with --as.
        #expect(try db.queryInt("SELECT COUNT(DISTINCT date(starts_at, 'unixepoch')) FROM shifts") >= 55)
        #expect(try store.members(orgID: org.id).contains { $0.name == "Maria" && $0.role == .manager })

        try expectRollupsEqualLines(store, org)
    }

    @Test func theSameSeedAndDayGiveTheSameShopAndARerunDuplicatesNothing() throws {
        func build(_ store: Store) throws -> [Int] {
            let org = try store.ensureOrg(timeZone: Self.zone)
            try DemoShop(seed: 9, now: Self.now(org), days: 30).generate(into: store, org: org)
            return try store.database.queryFirst("SELECT COUNT(*), SUM(total), SUM(quantity) FROM sales") {
                [$0.int(0), $0.int(1), $0.int(2)]
            } ?? []
        }
        let store = try Store.inMemory()
        let first = try build(store)
        let again = try build(store)
        let elsewhere = try build(Store.inMemory())
        #expect(first == again)
        #expect(first == elsewhere)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM imports WHERE kind = 'demo'") == 1)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM products") == 150)
        let org = try #require(try store.firstOrg())
        // Eight weeks of 70 shifts up to today, and the rota to the end of next week, none beyond.
        let tomorrow = org.calendar.startOfDay(Self.now(org), adding: 1)
        let endOfNextWeek = org.calendar.startOfDay(org.calendar.startOfWeek(Self.now(org)), adding: 14)
        func shifts(from: Date, to: Date) throws -> Int {
            try store.database.queryInt(
                "SELECT COUNT(*) FROM shifts WHERE starts_at >= ? AND starts_at < ?",
                [.integer(Int64(from.timeIntervalSince1970)), .integer(Int64(to.timeIntervalSince1970))])
        }
        #expect(try shifts(from: .distantPast, to: tomorrow) == 560, "8 weeks of 70 shifts")
        #expect(try shifts(from: tomorrow, to: endOfNextWeek) >= 70, "next week's rota at least")
        #expect(try shifts(from: endOfNextWeek, to: .distantFuture) == 0)
        try expectRollupsEqualLines(store, org)
    }

    @Test func anotherSeedGivesAnotherShop() throws {
        func revenue(_ seed: UInt64) throws -> Int {
            let store = try Store.inMemory()
            let org = try store.ensureOrg(timeZone: Self.zone)
            try DemoShop(seed: seed, now: Self.now(org), days: 7).generate(into: store, org: org)
            return try store.database.queryInt("SELECT SUM(total) FROM sales")
        }
        #expect(try revenue(1) != revenue(2))
    }

    /// Recomputes every rollup from the raw lines with its own calendar maths and compares.
    func expectRollupsEqualLines(_ store: Store, _ org: Org, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = org.timeZone
        formatter.dateFormat = "yyyy-MM-dd"
        struct Sums: Equatable { var revenue = 0, units = 0, cost = 0, costed = 0, lines = 0 }
        var perProduct: [String: Sums] = [:]
        var perDay: [String: Sums] = [:]
        var ordersPerDay: [String: Set<String>] = [:]
        var dayCache: [Int: String] = [:]
        _ = try store.database.query("SELECT sold_at, product_id, quantity, total, cost, order_id FROM sales") { row in
            let hour = row.int(0) / 3600
            let day = dayCache[hour] ?? formatter.string(from: Date(timeIntervalSince1970: TimeInterval(row.int(0))))
            dayCache[hour] = day
            for key in ["\(row.int(1))|\(day)", day] {
                var sums = (key == day ? perDay[key] : perProduct[key]) ?? Sums()
                sums.revenue += row.int(3)
                sums.units += row.int(2)
                if let cost = row.optionalInt(4) {
                    sums.cost += cost
                    sums.costed += row.int(3)
                }
                sums.lines += 1
                if key == day { perDay[key] = sums } else { perProduct[key] = sums }
            }
            ordersPerDay[day, default: []].insert(row.string(5))
        }
        let storedProducts = try store.database.query(
            "SELECT product_id, day, revenue, units, cost, costed_revenue, lines FROM daily_product_sales"
        ) { row in
            (
                "\(row.int(0))|\(row.string(1))",
                Sums(revenue: row.int(2), units: row.int(3), cost: row.int(4), costed: row.int(5), lines: row.int(6))
            )
        }
        #expect(Dictionary(uniqueKeysWithValues: storedProducts) == perProduct, sourceLocation: sourceLocation)
        let storedDays = try store.database.query(
            "SELECT day, revenue, units, cost, costed_revenue, lines, orders FROM daily_sales"
        ) { row in
            (
                row.string(0),
                Sums(revenue: row.int(1), units: row.int(2), cost: row.int(3), costed: row.int(4), lines: row.int(5)),
                row.int(6)
            )
        }
        #expect(
            Dictionary(uniqueKeysWithValues: storedDays.map { ($0.0, $0.1) }) == perDay, sourceLocation: sourceLocation)
        #expect(
            Dictionary(uniqueKeysWithValues: storedDays.map { ($0.0, $0.2) }) == ordersPerDay.mapValues(\.count),
            sourceLocation: sourceLocation)
        let months = try store.database.query(
            "SELECT product_id, month, revenue, units, lines FROM monthly_product_sales ORDER BY 1, 2"
        ) {
            "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3)) \($0.int(4))"
        }
        let monthsFromDays = try store.database.query(
            """
            SELECT product_id, substr(day, 1, 7), SUM(revenue), SUM(units), SUM(lines) FROM daily_product_sales
            GROUP BY 1, 2 ORDER BY 1, 2
            """
        ) { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3)) \($0.int(4))" }
        #expect(months == monthsFromDays, sourceLocation: sourceLocation)
        let years = try store.database.query(
            "SELECT product_id, year, revenue, units, cost, costed_revenue, lines FROM yearly_product_sales ORDER BY 1, 2"
        ) {
            "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3)) \($0.int(4)) \($0.int(5)) \($0.int(6))"
        }
        let yearsFromDays = try store.database.query(
            """
            SELECT product_id, substr(day, 1, 4), SUM(revenue), SUM(units), SUM(cost), SUM(costed_revenue), SUM(lines)
            FROM daily_product_sales GROUP BY 1, 2 ORDER BY 1, 2
            """
        ) { "\($0.int(0)) \($0.string(1)) \($0.int(2)) \($0.int(3)) \($0.int(4)) \($0.int(5)) \($0.int(6))" }
        #expect(!years.isEmpty && years == yearsFromDays, sourceLocation: sourceLocation)
        let hourly = try store.database.queryFirst("SELECT SUM(revenue), SUM(lines) FROM hourly_sales") {
            [$0.int(0), $0.int(1)]
        }
        let raw = try store.database.queryFirst("SELECT SUM(total), COUNT(*) FROM sales") { [$0.int(0), $0.int(1)] }
        #expect(hourly == raw, sourceLocation: sourceLocation)
    }
}
