import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Issue 22: forecasts on series with a known pattern land within stated tolerances.
@Suite struct DemandForecastTests {
    /// A small deterministic wobble (±1), so the series is not trivially flat.
    static func wobble(_ day: Int) -> Double { Double((day * 7 + 3) % 3) - 1 }

    /// Sunday … Saturday: quiet early week, a busy Saturday.
    static let profile: [Double] = [12, 6, 6, 7, 8, 10, 16]

    static func weekly(weeks: Int) -> DemandSeries {
        DemandSeries(values: (0..<(weeks * 7)).map { profile[$0 % 7] + wobble($0) }, firstWeekday: 0)
    }

    @Test func aWeekdayProfileIsForecastDayByDay() {
        let forecast = DemandForecaster().forecast(Self.weekly(weeks: 16), days: 7)
        for day in 0..<7 {
            #expect(
                abs(forecast.daily[day] - Self.profile[day]) <= 0.15 * Self.profile[day] + 0.5,
                "day \(day): \(forecast.daily)")
        }
        // Better than the same weekday last week, whose errors carry the wobble.
        #expect(forecast.backtest.absoluteError < forecast.naiveBacktest.absoluteError)
    }

    @Test func aTrendIsFollowed() {
        // 10 a day rising to 30 over 120 days, no weekday pattern.
        let series = DemandSeries(values: (0..<120).map { 10 + Double($0) / 6 + Self.wobble($0) }, firstWeekday: 3)
        let forecast = DemandForecaster().forecast(series, days: 7)
        let next = 10 + 120.0 / 6
        #expect(abs(forecast.daily[0] - next) <= 0.1 * next, "\(forecast.daily[0]) for \(next), \(forecast.method)")
    }

    @Test func intermittentDemandForecastsItsAverageRate() {
        // 3 units on about one day in five, irregularly.
        let pattern = [0, 0, 3, 0, 0, 0, 0, 3, 0, 0, 3, 0, 0, 0, 0, 0, 3, 0, 0, 0]
        let series = DemandSeries(values: (0..<140).map { Double(pattern[$0 % pattern.count]) }, firstWeekday: 0)
        #expect(series.zeroShare > 0.7)
        let forecast = DemandForecaster().forecast(series, days: 7)
        let rate = Double(pattern.reduce(0, +)) / Double(pattern.count)
        let mean = forecast.daily.reduce(0, +) / 7
        #expect(abs(mean - rate) <= 0.35 * rate, "mean \(mean) for \(rate) by \(forecast.method)")
    }

    @Test func stockOutDaysAreCensoredNotZeros() {
        // 10 a day, then 10 days out of stock just before now.
        var values: [Double?] = (0..<84).map { 10 + Self.wobble($0) }
        for day in 74..<84 { values[day] = nil }
        let censored = DemandForecaster().forecast(DemandSeries(values: values, firstWeekday: 0), days: 7)
        #expect(censored.daily.allSatisfy { abs($0 - 10) <= 1.5 }, "\(censored.daily)")
        // Read as zeros, the same days would drag the forecast down: censoring is what keeps it up.
        let zeros = DemandForecaster().forecast(
            DemandSeries(values: values.map { $0 ?? 0 }, firstWeekday: 0), days: 7)
        #expect(zeros.daily[0] < censored.daily[0] - 2, "\(zeros.daily[0])")
    }

    @Test func aPromotionDoesNotLiftTheLevel() {
        var values: [Double?] = (0..<84).map { 10 + Self.wobble($0) }
        values[80] = 120
        let forecast = DemandForecaster().forecast(DemandSeries(values: values, firstWeekday: 0), days: 7)
        #expect(forecast.daily.allSatisfy { $0 < 13 }, "\(forecast.daily) by \(forecast.method)")
    }

    @Test func nothingSoldForecastsNothingAndTraps() {
        let empty = DemandForecaster().forecast(DemandSeries(values: [], firstWeekday: 0), days: 7)
        #expect(empty.daily == Array(repeating: 0, count: 7))
        let unseen = DemandForecaster().forecast(
            DemandSeries(values: Array(repeating: nil, count: 30), firstWeekday: 2), days: 3)
        #expect(unseen.daily.count == 3 && unseen.daily.allSatisfy { $0 == 0 })
    }

    /// The history from the store: closed days and days out of stock are censored, others read as units.
    @Test func theHistoryCensorsClosedAndOutOfStockDays() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
        let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!
        let calendar = org.calendar
        let oat = try store.upsertProduct(Product(sku: "OAT", name: "Oat Milk"), orgID: org.id, now: now)
        let bun = try store.upsertProduct(Product(sku: "BUN", name: "Bun"), orgID: org.id, now: now)
        try store.writeSales(org: org) { writer in
            for day in 1...14 where day != 5 {  // closed 5 days ago: nobody sold anything
                try writer.upsert(
                    SaleLine(
                        source: "t", orderID: "B\(day)", line: 1,
                        soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(36_000), productID: bun,
                        quantity: 2, unitPrice: 100, total: 200))
                if day > 10 {
                    try writer.upsert(
                        SaleLine(
                            source: "t", orderID: "O\(day)", line: 1,
                            soldAt: calendar.startOfDay(now, adding: -day).addingTimeInterval(36_000),
                            productID: oat, quantity: 4, unitPrice: 100, total: 400))
                }
            }
        }
        // Oat milk out from 10 days ago until a delivery 3 days ago.
        try store.recordStock(
            productID: oat, quantity: 0, countedAt: calendar.startOfDay(now, adding: -10), reason: "count")
        try store.recordStock(
            productID: oat, quantity: 20, countedAt: calendar.startOfDay(now, adding: -3), reason: "count")
        let series = try DemandHistory(store: store, org: org).series(days: 14, now: now)
        let oats = try #require(series[oat]).values
        let buns = try #require(series[bun]).values
        #expect(oats.count == 14 && buns.count == 14)
        // Index 13 is yesterday; day d ago is index 14 - d.
        #expect(buns[14 - 5] == nil, "closed")
        #expect(buns[14 - 1] == 2)
        #expect(oats[14 - 12] == 4)
        #expect((4...10).allSatisfy { oats[14 - $0] == nil }, "out of stock: \(oats)")
        #expect((1...3).allSatisfy { oats[14 - $0] == 0 }, "back in stock, not sold: real zeros: \(oats)")
    }
}
