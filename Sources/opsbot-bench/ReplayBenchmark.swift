import Foundation
import OpsCore

/// `opsbot-bench forecast` (second part): the demo shop's last 8 weeks replayed under three ordering policies.
/// Each product starts with two weeks of its demand on the shelf; each day its recorded sales are the demand,
/// sales beyond stock are lost (a stock-out day), and an order placed at night arrives `lead time` mornings later.
///
/// - bot: the bot's suggestion followed each night (`ReorderPlanner.orderQuantity` with a review period of one
///   day: forecast over the lead time and a day, safety stock from the backtest, less stock and on order, in
///   packs), or once a week with a review period of seven;
/// - reorder point: when stock and on order fall to the product's reorder point, a week of its 28-day average;
/// - 42-day rate: as a leading POS suggests, when stock and on order fall below the 42-day rate times the lead
///   time and a week, up to that level.
struct ReplayBenchmark {
    let series: [Int64: DemandSeries]
    /// The shop's units per day over the same days: the forecasts' weekday profile.
    let shop: DemandSeries
    let products: [Int64: Product]

    enum Policy: String, CaseIterable {
        case bot = "bot, ordering nightly"
        case botWeekly = "bot, ordering weekly"
        case reorderPoint = "reorder point"
        case rate42 = "42-day rate"
    }

    struct Outcome {
        var stockOutDays = 0
        var stockDays = 0.0
        var days = 0
        var lostUnits = 0.0
        var soldUnits = 0.0
    }

    func run() {
        print("  replay: last 8 weeks, \(series.count) products, lost sales, orders arrive after their lead time")
        print("  policy                     stock-out days   average stock   fill rate")
        var results: [Policy: Outcome] = [:]
        for policy in Policy.allCases {
            var outcome = Outcome()
            for (id, demand) in series {
                guard let product = products[id] else { continue }
                replay(demand, product: product, policy: policy, into: &outcome)
            }
            results[policy] = outcome
            print(
                "  " + policy.rawValue.padding(toLength: 27, withPad: " ", startingAt: 0)
                    + String(
                        format: "%14d   %13.1f   %8.1f %%", outcome.stockOutDays,
                        outcome.stockDays / Double(max(1, outcome.days)),
                        100 * outcome.soldUnits / max(1, outcome.soldUnits + outcome.lostUnits)))
        }
        if let bot = results[.bot], let rop = results[.reorderPoint] {
            print(
                String(
                    format:
                        "  bot against reorder point: %.2f of the stock-out days (target ≤ 0.5), %.2f of the stock (≤ 1)",
                    Double(bot.stockOutDays) / Double(max(1, rop.stockOutDays)),
                    bot.stockDays / max(1, rop.stockDays)))
        }
    }

    func replay(_ demand: DemandSeries, product: Product, policy: Policy, into outcome: inout Outcome) {
        let days = 56
        let start = demand.count - days
        guard start > 56 else { return }
        let lead = max(1, product.leadTimeDays ?? 3)
        let pack = max(1, product.packSize ?? 1)
        func sales(_ range: Range<Int>) -> Double {
            range.compactMap { demand.values[$0] }.reduce(0, +)
        }
        var stock = (sales((start - 14)..<start)).rounded()
        var arriving: [Int: Double] = [:]
        let forecaster = DemandForecaster(profile: WeekdayProfile(shop: shop))
        for day in start..<(start + days) {
            stock += arriving.removeValue(forKey: day) ?? 0
            let wanted = demand.values[day] ?? 0
            let sold = min(stock, wanted)
            if wanted > stock { outcome.stockOutDays += 1 }
            outcome.lostUnits += wanted - sold
            outcome.soldUnits += sold
            stock -= sold
            outcome.stockDays += stock
            outcome.days += 1
            let onOrder = arriving.values.reduce(0, +)
            var order = 0.0
            switch policy {
            case .bot, .botWeekly:
                // Weekly: each product on its own day of the week.
                let review = policy == .bot ? 1 : 7
                guard policy == .bot || (day + Int(product.id)) % 7 == 0 else { break }
                let history = demand.prefix(day + 1)
                let forecast = forecaster.forecast(history, days: lead + review)
                order = Double(
                    ReorderPlanner.orderQuantity(
                        forecast: forecast.daily, typicalError: forecast.typicalError, stock: Int(stock),
                        onOrder: Int(onOrder), leadDays: lead, reviewDays: review, packSize: pack, minimum: 0,
                        serviceLevel: 0.95
                    ).quantity)
            case .reorderPoint:
                let point = Double(product.reorderPoint ?? 0)
                if stock + onOrder <= point {
                    let average = sales((day - 27)..<(day + 1)) / 28
                    order = max(Double(pack), (7 * average / Double(pack)).rounded(.up) * Double(pack))
                }
            case .rate42:
                let rate = sales((day - 41)..<(day + 1)) / 42
                let level = rate * Double(lead + 7)
                if stock + onOrder < rate * Double(lead) + rate * 3 {
                    order = max(0, ((level - stock - onOrder) / Double(pack)).rounded(.up) * Double(pack))
                }
            }
            if order > 0 { arriving[day + lead, default: 0] += order }
        }
    }
}
