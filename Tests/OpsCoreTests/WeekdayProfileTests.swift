import Foundation
import Testing

@testable import OpsCore

/// Issue 22: a slow product's weekdays are read against the shop's, and a week whose days differ only by chance
/// comes out flat.
@Suite struct WeekdayProfileTests {
    /// Sunday … Saturday, averaging 1: a quiet Monday, a busy Saturday.
    static let shape: [Double] = [1.1, 0.6, 0.8, 0.9, 1.0, 1.2, 1.4]

    /// Poisson counts of `rate` a day times the weekday's factor, 16 weeks from a Sunday.
    static func series(rate: Double, shape: [Double], seed: UInt64, weeks: Int = 16) -> DemandSeries {
        var random = SeededRandom(seed: seed)
        let values = (0..<(weeks * 7)).map { Double(random.count(mean: rate * shape[$0 % 7])) }
        return DemandSeries(values: values, firstWeekday: 0)
    }

    /// The shop: forty products' worth of the same shape.
    static let shop = series(rate: 40, shape: shape, seed: 1)

    static func error(_ factors: [Double], from shape: [Double]) -> Double {
        zip(factors, shape).map { abs($0 - $1) }.reduce(0, +) / 7
    }

    @Test func aSlowProductTakesTheShopsWeekdays() {
        // One product selling about one a day: its own Mondays and Saturdays are mostly chance.
        var alone = 0.0
        var pooled = 0.0
        for seed in 2..<22 {
            let product = Self.series(rate: 1, shape: Self.shape, seed: UInt64(seed))
            alone += Self.error(DemandForecaster().weekdayFactors(product), from: Self.shape)
            pooled += Self.error(
                DemandForecaster(profile: WeekdayProfile(shop: Self.shop)).weekdayFactors(product), from: Self.shape)
        }
        // Twenty products: pulled towards the shop, their factors land within 0.05 of the true ones on average,
        // at most half as far off as on their own.
        #expect(pooled / 20 < 0.05, "pooled \(pooled / 20)")
        #expect(pooled < alone / 2, "pooled \(pooled / 20), alone \(alone / 20)")
    }

    @Test func aProductThatSellsOnOtherDaysKeepsItsOwn() {
        // A Sunday paper: most of its week on Sunday, plenty of sales to show it.
        let sunday: [Double] = [3.0, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5]
        let product = Self.series(rate: 10, shape: sunday, seed: 7)
        let factors = DemandForecaster(profile: WeekdayProfile(shop: Self.shop)).weekdayFactors(product)
        #expect(Self.error(factors, from: sunday) < 0.15, "\(factors)")
        #expect(factors[0] > 2.5 && factors[1] < 0.7, "\(factors)")
    }

    @Test func aWeekWhoseDaysDifferByChanceIsFlat() {
        // Thirty a day whatever the weekday: sixteen weeks' means still differ by a few per cent.
        let flat = [Double](repeating: 1, count: 7)
        let product = Self.series(rate: 30, shape: flat, seed: 11)
        let factors = DemandForecaster().weekdayFactors(product)
        #expect(Self.error(factors, from: flat) < 0.02, "\(factors)")
        // The shop's profile of the same flat week is flat as well.
        let profile = WeekdayProfile(shop: product)
        #expect(Self.error(profile.factors(endingAt: product.count), from: flat) < 0.02)
    }

    @Test func aStrongShopWeekIsKept() {
        let profile = WeekdayProfile(shop: Self.shop)
        // Within what fourteen days' means of forty a day allow (about ±0.04), and not flattened.
        let factors = profile.factors(endingAt: Self.shop.count)
        #expect(Self.error(factors, from: Self.shape) < 0.06, "\(factors)")
        #expect(factors[6] / factors[1] > 2, "\(factors)")
        // The backtests' origins read the shop's weeks before them, not the days after.
        let earlier = profile.factors(endingAt: Self.shop.count - 7)
        #expect(earlier == ForecastMethod.weekdayFactors(Self.shop.prefix(Self.shop.count - 7)))
    }
}
