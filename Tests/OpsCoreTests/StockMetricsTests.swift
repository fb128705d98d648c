import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct StockMetricsTests {
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
