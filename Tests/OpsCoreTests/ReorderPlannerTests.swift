import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 22: order quantities by hand-worked examples.
@Suite struct ReorderPlannerTests {
    static let tenADay = Array(repeating: 10.0, count: 28)

    func order(
        error: Double = 0, stock: Int = 30, onOrder: Int = 0, lead: Int = 2, review: Int = 7, pack: Int? = nil,
        minimum: Int = 0, level: Double = 0.95
    ) -> Int {
        ReorderPlanner.orderQuantity(
            forecast: Self.tenADay, typicalError: error, stock: stock, onOrder: onOrder, leadDays: lead,
            reviewDays: review, packSize: pack, minimum: minimum, serviceLevel: level
        ).quantity
    }

    @Test func theOrderCoversLeadTimeAndReviewLessStock() {
        // 10 a day for 2 + 7 days is 90; 30 in stock: 60.
        #expect(order() == 60)
        // Packs of 12: 60 is five packs; packs of 25: three, 75.
        #expect(order(pack: 12) == 60)
        #expect(order(pack: 25) == 75)
        // Enough in stock: nothing.
        #expect(order(stock: 90) == 0)
        #expect(order(stock: 500) == 0)
    }

    @Test func safetyStockComesFromTheForecastError() {
        // Typical error 2 a day: σ ≈ 2.5 a day, over 9 days 7.5, at 95 % (z 1.645) 12.3 → 90 + 12.3 − 30 = 72.3.
        #expect(order(error: 2) == 73)
        #expect(order(error: 2, pack: 12) == 84)
        // A higher service level holds more.
        #expect(order(error: 2, level: 0.99) > order(error: 2))
        #expect(abs(ReorderPlanner.z(0.95) - 1.645) < 0.01 && abs(ReorderPlanner.z(0.99) - 2.326) < 0.01)
    }

    @Test func onOrderAndMinimumsCount() {
        // 50 already on order: 90 − 30 − 50 = 10; a pack of 12.
        #expect(order(onOrder: 50, pack: 12) == 12)
        // The supplier takes 24 at least: 24, still whole packs.
        #expect(order(onOrder: 50, pack: 12, minimum: 24) == 24)
        #expect(order(onOrder: 50, pack: 12, minimum: 30) == 36)
        // On order covers it all: nothing, whatever the minimum.
        #expect(order(onOrder: 80, minimum: 24) == 0)
    }

    @Test func aLeadTimeLongerThanTheReviewPeriod() {
        // 10 days to come, ordered weekly: the order must last 17 days: 170 − 30 = 140.
        #expect(order(lead: 10, review: 7) == 140)
        // With 100 on order from last week's order: 40.
        #expect(order(onOrder: 100, lead: 10, review: 7) == 40)
    }

    /// Stored values of any size an older build let in do not trap: a huge lead time covers a year, a huge pack
    /// rounds within Int.
    @Test func hugeStoredTermsDoNotTrap() {
        #expect(order(lead: Int.max, review: Int.max) == 3_660 - 30)
        #expect(order(pack: Int.max) > 0)
        #expect(order(pack: Int.max / 2, minimum: Int.max) > 0)
    }

    @Test func whenItRunsOut() {
        #expect(StockCover.runOutDay(stock: 25, demand: Self.tenADay) == 2)
        #expect(StockCover.runOutDay(stock: 5, demand: Self.tenADay) == 0)
        #expect(StockCover.runOutDay(stock: 1000, demand: Self.tenADay) == 99)
        // At noon, with half of today's sales to come: 5 today, then 10 a day.
        #expect(StockCover.runOutDay(stock: 25, demand: Self.tenADay, todayLeft: 0.5) == 2)
        #expect(StockCover.runOutDay(stock: 26, demand: Self.tenADay, todayLeft: 0.5) == 3)
    }

    /// On the store: what is on order counts, ordering terms apply, a receipt closes the order.
    @Test func thePlanReadsStockOrdersAndTerms() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        var oat = Product(sku: "OAT", name: "Oat Milk")
        oat.leadTimeDays = 2
        oat.packSize = 6
        oat.id = try store.upsertProduct(oat, orgID: org.id, now: now)
        try store.writeSales(org: org) { writer in
            for day in 1...56 {
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "D\(day)", line: 1,
                        soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(36_000), productID: oat.id,
                        quantity: 10, unitPrice: 100, total: 1000))
            }
        }
        try store.recordStock(productID: oat.id, quantity: 30, countedAt: now, reason: "count")
        try store.setOrderingTerms(OrderingTerms(supplier: "Dairy Direct", reviewDays: 7), productID: oat.id)
        let planner = ReorderPlanner(store: store, org: org)
        let first = try #require(try planner.plan(now: now).first)
        // Steady 10 a day: no error, 90 − 30 = 60, ten packs of 6.
        #expect(first.quantity == 60 && first.terms.supplier == "Dairy Direct", "\(first)")
        try store.recordPurchaseOrder(
            orgID: org.id, productID: oat.id, quantity: 36, dueAt: now.addingTimeInterval(86_400), orderedBy: "Olive",
            now: now)
        #expect(try planner.plan(now: now).first?.quantity == 24)
        // 20 of 36 came: 16 still on order; the rest came: closed.
        #expect(try store.receivePurchaseOrders(productID: oat.id, quantity: 20, now: now) == 0)
        #expect(try store.onOrder(orgID: org.id)[oat.id] == 16)
        #expect(try store.receivePurchaseOrders(productID: oat.id, quantity: 20, now: now) == 4)
        #expect(try store.openPurchaseOrders(orgID: org.id).isEmpty)
    }
}
