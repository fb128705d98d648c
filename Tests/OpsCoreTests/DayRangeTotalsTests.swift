import Foundation
import Testing

@testable import OpsCore

/// Per-product sums over a range, read from yearly, monthly and daily rollups, equal the sums of the daily
/// rollup over the same days, for ranges that start and end anywhere.
@Suite struct DayRangeTotalsTests {
    @Test func yearsMonthsAndDaysAddUpToTheDays() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(name: "Two Years", timeZone: TimeZone(identifier: "Europe/London")!)
        let calendar = org.calendar
        let now = calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        var ids: [Int64] = []
        for index in 0..<3 {
            ids.append(try store.upsertProduct(Product(sku: "P\(index)", name: "P\(index)"), orgID: org.id))
        }
        try store.writeSales(org: org) { writer in
            // Every 3rd day for 800 days up to today, before now.
            for back in stride(from: 0, to: 800, by: 3) {
                let at = calendar.startOfDay(now, adding: -back).addingTimeInterval(10 * 3600)
                let product = ids[back % 3]
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "O\(back)", line: 1, soldAt: at, productID: product,
                        quantity: 1 + back % 4,
                        unitPrice: 100 + back, total: (1 + back % 4) * (100 + back), cost: back % 2 == 0 ? 50 : nil))
            }
        }
        let ranges: [(String, String, Bool)] = [
            ("2024-10-01", "2026-11-26", true), ("2025-01-01", "2026-01-01", false),
            ("2024-12-15", "2026-02-10", false),
            ("2025-03-01", "2025-03-31", false), ("2026-01-01", "2026-11-26", true), ("2025-11-26", "2026-11-26", true),
            ("2026-11-23", "2026-11-26", true), ("2025-06-17", "2025-06-18", false),
            ("2024-12-01", "2026-01-01", false),
        ]
        for (from, to, runsToNow) in ranges {
            let start = calendar.date(dayKey: from)!
            let end = runsToNow ? now : calendar.date(dayKey: to)!
            let range = DayRange(start: start, end: end, calendar: calendar, runsToNow: runsToNow)
            let slots = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            let totals = try range.productTotals(in: store.database, count: ids.count) { slots[$0] }
            let expected = try store.database.query(
                """
                SELECT product_id, SUM(revenue), SUM(units), SUM(cost), SUM(costed_revenue) FROM daily_product_sales
                WHERE day >= ? AND day < ? GROUP BY product_id
                """, [.text(range.from), .text(range.to)]
            ) { ($0.int64(0), [$0.int(1), $0.int(2), $0.int(3), $0.int(4)]) }
            for (id, sums) in expected {
                let got = totals[slots[id]!]
                #expect([got.revenue, got.units, got.cost, got.costedRevenue] == sums, "\(from)…\(to) product \(id)")
            }
            #expect(totals.filter { $0.rows > 0 }.count == expected.count, "\(from)…\(to)")
        }
    }
}
