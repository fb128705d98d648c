import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct StockMetricsTests {
    /// Issue 20, point 7: a shop with 14 days of history sells its units over those 14 days, not 28; under a week
    /// of history the figure says it is early. The alert's days of cover use the same rate.
    @Test(arguments: [(14, false), (3, true)])
    func theRateUsesTheDaysTheShopHasSales(days: Int, early: Bool) throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        var product = Product(sku: "OAT", name: "Oat Milk")
        product.leadTimeDays = 3
        product.id = try store.upsertProduct(product, orgID: org.id, now: now)
        try store.writeSales(org: org) { writer in
            for day in 1...days {
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "D\(day)", line: 1,
                        soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(10 * 3600),
                        productID: product.id, quantity: 7, unitPrice: 100, total: 700))
            }
        }
        try store.recordStock(productID: product.id, quantity: 14, countedAt: now, reason: "count")
        let position = try StockMetrics(store: store, org: org).position(of: product, now: now)
        #expect(position.rateDays == days)
        #expect(position.dailyRate == 7)
        #expect(position.daysOfCover == 2)
        #expect(position.isEarly == early)
        // 2 days of cover against a 3-day lead time: the alert sees the same rate (on 28 days it saw 4 days).
        let conditions = try AlertConditions(
            database: store.database, org: org, rules: try store.alertRuleSet(orgID: org.id)
        )
        .find(now: now).conditions.values
        #expect(conditions.first { $0.kind == .daysOfCover }?.value == 20)
    }

    /// Issue 20, point 7: a product counted out of stock for 10 of its 28 days sold its units in the other 18, so
    /// its rate is 7 a day, not 126 / 28 = 4.5; the alert's days of cover use the same in-stock days.
    @Test func theRateLeavesOutTheDaysTheProductWasOutOfStock() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        var product = Product(sku: "OAT", name: "Oat Milk")
        product.leadTimeDays = 3
        product.id = try store.upsertProduct(product, orgID: org.id, now: now)
        // Another product, out the whole time, must not change this one's in-stock days.
        let other = try store.upsertProduct(Product(sku: "HON", name: "Honey"), orgID: org.id, now: now)
        try store.recordStock(
            productID: other, quantity: 0, countedAt: calendar.startOfDay(now, adding: -27), reason: "count")
        try store.writeSales(org: org) { writer in
            for day in Array(1...10) + Array(21...28) {
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "D\(day)", line: 1,
                        soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(10 * 3600),
                        productID: product.id, quantity: 7, unitPrice: 100, total: 700))
            }
        }
        for (quantity, day) in [(0, -20), (30, -10)] {
            try store.recordStock(
                productID: product.id, quantity: quantity, countedAt: calendar.startOfDay(now, adding: day),
                reason: "count")
        }
        try store.recordStock(productID: product.id, quantity: 14, countedAt: now, reason: "count")
        let position = try StockMetrics(store: store, org: org).position(of: product, now: now)
        #expect(position.rateDays == 28)
        #expect(position.dailyRate == 7)
        #expect(position.daysOfCover == 2)
        let conditions = try AlertConditions(
            database: store.database, org: org, rules: try store.alertRuleSet(orgID: org.id)
        )
        .find(now: now).conditions.values
        #expect(conditions.first { $0.kind == .daysOfCover && $0.productID == product.id }?.value == 20)
    }

    /// A first-day shop has set no reorder points: "stock low?" still lists what runs out before a delivery would
    /// come (less cover than the lead time), as the alerts do, and not what lasts.
    @Test func lowStockIncludesWhatRunsOutBeforeADeliveryWithoutAReorderPoint() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        var ids: [String: Int64] = [:]
        for (sku, lead) in [("SHORT", nil), ("LASTS", nil), ("OWNLEAD", 1)] as [(String, Int?)] {
            var product = Product(sku: sku, name: sku)
            product.leadTimeDays = lead
            ids[sku] = try store.upsertProduct(product, orgID: org.id, now: now)
        }
        try store.writeSales(org: org) { writer in
            for day in 1...14 {
                for (sku, id) in ids {
                    try writer.upsert(
                        SaleLine(
                            source: "t", orderID: "D\(day)\(sku)", line: 1,
                            soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(10 * 3600),
                            productID: id, quantity: 7, unitPrice: 100, total: 700))
                }
            }
        }
        // 2 days of cover each for SHORT and OWNLEAD (a 1-day lead time of its own), 100 days for LASTS.
        for (sku, quantity) in [("SHORT", 14), ("LASTS", 700), ("OWNLEAD", 14)] {
            try store.recordStock(productID: ids[sku]!, quantity: quantity, countedAt: now, reason: "count")
        }
        // The alerts are worked out as a count comes in; "stock low?" lists what they found.
        _ = try AlertEngine(store: store, org: org).evaluate(now: now)
        let metrics = StockMetrics(store: store, org: org)
        #expect(try metrics.lowStock(now: now).map(\.product.sku) == ["SHORT"])
        // A 101-day lead time: both run out before a delivery would come.
        try store.database.execute("UPDATE products SET lead_time_days = 101 WHERE sku = 'LASTS'")
        _ = try AlertEngine(store: store, org: org).evaluate(now: now)
        #expect(try metrics.lowStock(now: now).map(\.product.sku) == ["SHORT", "LASTS"])
    }

    /// "Last sold" comes from the product's last rollup day and that day's lines: the latest line of this
    /// product, not a later one of another product, nor an earlier day's.
    @Test func lastSoldIsTheProductsLatestLine() throws {
        let shop = try SmallShop()
        let calendar = shop.org.calendar
        let oat = try #require(shop.products["OAT-1"])
        let croissant = try #require(shop.products["CRO"])
        // Today: oat milk last at 00:20 (an earlier line at 00:10), a croissant later at 01:00.
        let today = calendar.startOfDay(shop.now)
        try shop.store.writeSales(org: shop.org) { writer in
            for (order, at, product) in [
                ("L1", calendar.startOfDay(shop.now, adding: -5).addingTimeInterval(9 * 3600), oat),
                ("L2", today.addingTimeInterval(600), oat),
                ("L3", today.addingTimeInterval(1200), oat),
                ("L4", today.addingTimeInterval(3600), croissant),
            ] {
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: order, line: 1, soldAt: at, productID: product.id, quantity: 1,
                        unitPrice: 100,
                        total: 100))
            }
        }
        let metrics = StockMetrics(store: shop.store, org: shop.org)
        for product in shop.products.values {
            let stored = try shop.store.database.queryFirst(
                "SELECT MAX(sold_at) FROM sales WHERE product_id = ?", [.integer(product.id)]
            ) { $0.optionalInt(0) }
            let expected = stored.flatMap { $0 }.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            #expect(try metrics.position(of: product, now: shop.now).lastSoldAt == expected, "\(product.name)")
        }
        #expect(try metrics.position(of: oat, now: shop.now).lastSoldAt == today.addingTimeInterval(1200))
        #expect(try metrics.position(of: croissant, now: shop.now).lastSoldAt == today.addingTimeInterval(3600))
    }
}
