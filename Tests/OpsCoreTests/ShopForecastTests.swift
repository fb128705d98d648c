import Foundation
import Testing

@testable import OpsCore

/// Issue 22: the shop's takings ahead ("forecast sales next week") learn from its days, a closed day not a zero.
@Suite struct ShopForecastTests {
    @Test func steadyTakingsAreForecastAndAClosedDayIsNoZero() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        let bun = try store.upsertProduct(Product(sku: "BUN", name: "Bun"), orgID: org.id, now: now)
        try store.writeSales(org: org) { writer in
            // £50 a day for eight weeks, but closed every Wednesday.
            for day in 1...56 {
                let start = calendar.startOfDay(now, adding: -day)
                guard calendar.calendar.component(.weekday, from: start) != 4 else { continue }
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "B\(day)", line: 1, soldAt: start.addingTimeInterval(36_000),
                        productID: bun, quantity: 20, unitPrice: 250, total: 5_000))
            }
        }
        let forecast = try #require(try ShopForecast(store: store, org: org).takings(now: now, days: 8))
        #expect(forecast.daily.count == 8)
        // Read as zeros, the Wednesdays would pull every day down by a seventh.
        #expect(forecast.daily.allSatisfy { abs($0 - 5_000) <= 100 }, "\(forecast.daily)")
        #expect(forecast.typicalError <= 100)
    }

    @Test func aShopThatNeverSoldHasNoForecast() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        #expect(try ShopForecast(store: store, org: org).takings(now: Date(), days: 7) == nil)
    }
}
