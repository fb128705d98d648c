import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 22: stock cover — in alerts and replies — is read against the demand forecast, made nightly and after
/// an import, not against the flat 28-day rate.
@Suite struct ForecastCoverTests {
    let store: Store
    let org: Org
    let product: Product
    /// Friday 20 November 2026, 08:00 in London.
    let friday = ISO8601DateFormatter().date(from: "2026-11-20T08:00:00Z")!

    /// Eight weeks of 2 a weekday and 20 a day at weekends, 30 in stock, a 3-day lead time.
    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        var product = Product(sku: "OAT", name: "Oat Milk")
        product.leadTimeDays = 3
        product.id = try store.upsertProduct(product, orgID: org.id, now: friday)
        self.product = product
        let calendar = org.calendar
        try store.writeSales(org: org) { [friday] writer in
            for day in 1...56 {
                let date = calendar.startOfDay(friday, adding: -day).addingTimeInterval(10 * 3600)
                let weekday = calendar.calendar.component(.weekday, from: date)
                let units = weekday == 1 || weekday == 7 ? 20 : 2
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "D\(day)", line: 1, soldAt: date, productID: product.id,
                        quantity: units, unitPrice: 100, total: units * 100))
            }
        }
        try store.recordStock(productID: product.id, quantity: 30, countedAt: friday, reason: "count")
    }

    @Test func theCoverAlertSeesTheWeekendComing() throws {
        // At the flat rate (200 in 28 days, 7.1 a day) 30 last 4.2 days, more than the 3-day lead time.
        let flat = try StockMetrics(store: store, org: org).position(of: product, now: friday)
        #expect(flat.demand == nil)
        #expect(abs(flat.daysOfCover! - 4.2) < 0.01)

        // The forecast knows Saturday and Sunday sell 20 each: Friday 2, Saturday 20, and 8 of Sunday's 20.
        let evaluation = try AlertEngine(store: store, org: org).evaluate(now: friday)
        let alert = try #require(evaluation.opened.first { $0.kind == .daysOfCover })
        #expect((20...29).contains(alert.value), "cover \(alert.value) tenths")
        let position = try StockMetrics(store: store, org: org).position(of: product, now: friday)
        let demand = try #require(position.demand)
        #expect(demand.count == ForecastBook.days)
        // Eight weeks make a weekday profile, pulled a little towards flat while it is young: Saturday's 20 are
        // read as 15 to 20.
        #expect(
            abs(demand[0] - 2) < 1 && (15...20).contains(demand[1]) && demand[2] == demand[1], "\(demand.prefix(3))")
        let cover = try #require(position.daysOfCover)
        #expect(cover >= 2 && cover < 3)
        // The reply and the alert say the same.
        #expect(Int((cover * 10).rounded(.down)) == alert.value)
    }

    @Test func theForecastsAreMadeNightlyAndAfterAnImport() throws {
        let book = ForecastBook(store: store, org: org)
        #expect(try book.refreshIfStale(now: friday))
        #expect(try !book.refreshIfStale(now: friday.addingTimeInterval(3600)))
        #expect(try store.forecastRun(orgID: org.id)?.madeFor == "2026-11-20")

        // An import of sales makes them stale: the import's own alert evaluation makes them again.
        let csv = Array("Date,Product,Quantity,Total\n2026-11-20 09:00,Oat Milk,3,3.00\n".utf8)
        let report = try Importer(store: store, org: org).importBytes(
            csv, fileName: "today.csv", options: .init(kind: .sales, now: friday.addingTimeInterval(7200)))
        #expect(report.inserted == 1)
        #expect(try store.forecastRun(orgID: org.id)?.stale == false)
        #expect(try !book.refreshIfStale(now: friday.addingTimeInterval(7300)))

        // The next local day: made again, from that day.
        let saturday = friday.addingTimeInterval(86_400)
        let yesterdays = try #require(try book.demand(productID: product.id, now: saturday))
        #expect(yesterdays.count == ForecastBook.days - 1)
        #expect(try book.refreshIfStale(now: saturday))
        #expect(try store.forecastRun(orgID: org.id)?.madeFor == "2026-11-21")
        #expect(try book.demand(productID: product.id, now: saturday)?.count == ForecastBook.days)
    }

    @Test func aDamagedForecastReadsAsNoDemandAndNeverTraps() throws {
        try ForecastBook(store: store, org: org).refresh(now: friday)
        try store.database.execute(
            // NaN, infinity, -3, 2.5 and three stray bytes.
            "UPDATE demand_forecasts SET daily = X'0000C07F0000807F000040C000002040AABBCC' WHERE product_id = ?",
            [.integer(product.id)])
        #expect(try store.demandForecast(productID: product.id)?.daily == [0, 0, 0, 2.5])

    }

    @Test func coverWalksTheForecastDayByDay() {
        #expect(StockCover.days(stock: 5, demand: [2, 2, 2]) == 2.5)
        #expect(StockCover.days(stock: 0, demand: [2, 2]) == 0)
        #expect(StockCover.days(stock: -4, demand: [2, 2]) == 0)
        // Beyond the forecast the last week's average goes on: 2 days of 1, then 8 more at 1 a day.
        #expect(StockCover.days(stock: 10, demand: [1, 1]) == 10)
        #expect(StockCover.days(stock: 10, demand: [0, 0, 0]) == nil)
        #expect(StockCover.days(stock: Int.max, demand: [1]) == Double(Int.max) + 1)
        // At noon with half a day's sales to come: today's 4 count as 2 in half a day, then 2 a day.
        #expect(StockCover.days(stock: 10, demand: [4, 2, 2, 2, 2, 2], todayLeft: 0.5) == 4.5)
        #expect(StockCover.runOutDay(stock: 10, demand: [4, 2, 2, 2, 2, 2], todayLeft: 0.5) == 4)
        // After closing nothing more sells today: stock that lasts today's rest runs out tomorrow.
        #expect(StockCover.days(stock: 1, demand: [5, 2], todayLeft: 0) == 0.5)
        #expect(StockCover.runOutDay(stock: 1, demand: [5, 2], todayLeft: 0) == 1)
    }
}
