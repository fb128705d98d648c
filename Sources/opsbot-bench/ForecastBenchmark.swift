import Foundation
import OpsCore

/// `opsbot-bench forecast`: the forecasts' accuracy on the demo shop's year, and their speed on 5,000 products.
///
/// Accuracy is out of sample: each product's method is chosen on the four weeks before the last four, then
/// scored on the last four (rolling origin, four weekly origins of seven-day horizons). Errors are summed over
/// all products and shown relative to seasonal naive (the same weekday last week) on the same days: 0.75 is
/// 25 % better.
struct ForecastBenchmark {
    let directory: String

    /// Sales exports of public data to score as well (`opsbot-bench forecast FILE.csv`), each imported as a shop.
    var datasets: [String] = []

    func run() throws {
        let store = try Store(path: directory + "/forecast.sqlite")
        let org = try store.ensureOrg(timeZone: zone)
        try DemoShop(seed: 42, now: now).generate(into: store, org: org)
        let history = DemandHistory(store: store, org: org)
        let series = try history.series(days: 364, now: now)
        let shopSeries = try history.shopSeries(days: 364, now: now)
        accuracy(of: series, shop: shopSeries, label: "demo shop")
        for (index, path) in datasets.enumerated() {
            let dataset = try Store(path: directory + "/dataset\(index).sqlite")
            let shop = try dataset.ensureOrg(timeZone: zone)
            let report = try Importer(store: dataset, org: shop).importFile(path: path, options: .init(kind: .sales))
            guard let last = report.lastAt, report.inserted > 0 else {
                print("forecast: nothing imported from \(path): \(report.notes.joined(separator: " "))")
                continue
            }
            // The day after the last sale is "today": the year before it is the history.
            let today = shop.calendar.startOfDay(last, adding: 1).addingTimeInterval(12 * 3600)
            let name = (path as NSString).lastPathComponent
            let history = DemandHistory(store: dataset, org: shop)
            accuracy(
                of: try history.series(days: 364, now: today), shop: try history.shopSeries(days: 364, now: today),
                label: "\(name) (\(report.inserted) lines)")
        }
        var products: [Int64: Product] = [:]
        for product in try store.products(orgID: org.id) { products[product.id] = product }
        ReplayBenchmark(series: series, shop: shopSeries, products: products).run()

        print(
            String(
                format: "  speed: 5,000 products × 364 days, median %.0f ms over 3 runs (target ≤ 1,000 ms)",
                Self.speed(of: series, shop: shopSeries)))
    }

    /// Milliseconds to forecast 5,000 products of 364 days (the demo's series, repeated and scaled) 28 days ahead:
    /// the median of 3 runs.
    static func speed(of series: [Int64: DemandSeries], shop: DemandSeries) -> Double {
        let forecaster = DemandForecaster(profile: WeekdayProfile(shop: shop))
        let pool = Array(series.values)
        let many = (0..<5000).map { index -> DemandSeries in
            let base = pool[index % pool.count]
            let scale = 0.5 + Double(index % 7) / 4
            return DemandSeries(
                values: base.values.map { $0.map { ($0 * scale).rounded() } }, firstWeekday: base.firstWeekday)
        }
        var times: [Double] = []
        for _ in 0..<3 {
            times.append(measure { _ = many.map { forecaster.forecast($0, days: 28) } })
        }
        return times.sorted()[1]
    }

    /// Prints the MAE of each method, and of the method chosen per product, relative to seasonal naive.
    func accuracy(of series: [Int64: DemandSeries], shop: DemandSeries, label: String) {
        let forecaster = DemandForecaster(profile: WeekdayProfile(shop: shop))
        let fixed: [(String, ForecastMethod)] = [
            ("seasonal naive", .seasonalNaive),
            ("weekday smoothing a=0.1", .seasonalSmoothing(alpha: 0.1, beta: nil)),
            ("weekday smoothing a=0.2 + trend", .seasonalSmoothing(alpha: 0.2, beta: 0.05)),
            ("Croston SBA a=0.1", .crostonSBA(alpha: 0.1)),
            ("TSB a=0.1 b=0.05", .tsb(alpha: 0.1, beta: 0.05)),
        ]
        var errors = [String: Double](uniqueKeysWithValues: fixed.map { ($0.0, 0) })
        // Hyndman's MASE as well: each product's out-of-sample MAE over its in-sample seasonal-naive-7 MAE,
        // averaged over the products whose history varies (the scale is zero otherwise).
        var scaled = [String: Double](uniqueKeysWithValues: fixed.map { ($0.0, 0) })
        var scaledChosen = 0.0
        var scaledProducts = 0
        var chosenError = 0.0
        var chosenBy: [String: Int] = [:]
        // The shop's daily total: the sum of the products' forecasts against the sum of their sales.
        var totalActual = [Double](repeating: 0, count: 28)
        var totalChosen = [Double](repeating: 0, count: 28)
        var totalBaseline = [Double](repeating: 0, count: 28)
        // Forecasting nothing, for reference: on sparse sales the absolute error rewards it, useless as it is for
        // ordering.
        var zeroError = 0.0
        for (_, product) in series {
            let end = product.count
            zeroError += product.values.suffix(28).compactMap { $0 }.reduce(0, +)
            let scale = Self.seasonalNaiveScale(product.values.prefix(end - 28))
            if scale > 0 { scaledProducts += 1 }
            for (name, method) in fixed {
                let backtest = forecaster.backtest(method, on: product)
                errors[name, default: 0] += backtest.absoluteError
                if scale > 0 { scaled[name, default: 0] += backtest.meanAbsoluteError / scale }
            }
            let method = forecaster.bestMethod(for: product, endingAt: end - 28)
            chosenBy[method.name, default: 0] += 1
            let chosenBacktest = forecaster.backtest(method, on: product)
            chosenError += chosenBacktest.absoluteError
            if scale > 0 { scaledChosen += chosenBacktest.meanAbsoluteError / scale }
            for week in 0..<4 {
                let origin = end - 28 + 7 * week
                let history = product.prefix(origin)
                let factors = forecaster.weekdayFactors(history)
                let chosen = method.forecast(history, horizon: 7, factors: factors)
                let baseline = ForecastMethod.seasonalSmoothing(alpha: 0.1, beta: nil).forecast(
                    history, horizon: 7, factors: factors)
                for step in 0..<7 {
                    guard let actual = product.values[origin + step] else { continue }
                    totalActual[7 * week + step] += actual
                    totalChosen[7 * week + step] += chosen[step]
                    totalBaseline[7 * week + step] += baseline[step]
                }
            }
        }
        let naive = max(errors["seasonal naive"] ?? 1, 1e-9)
        print("forecast: \(label), \(series.count) products, 364 days; last 4 weeks, 4 weekly origins × 7 days")
        let products = Double(max(scaledProducts, 1))
        print("  method                              MAE / seasonal naive   MASE")
        for (name, _) in fixed {
            print(
                "  " + name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%.4f                 %.4f", errors[name]! / naive, scaled[name]! / products))
        }
        print(
            "  " + "always zero (reference)".padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: "%.4f", zeroError / naive))
        let sold = series.values.map { $0.values.suffix(28).compactMap { $0 } }
        let sparse = sold.filter { days in days.filter { $0 > 0 }.count * 4 < days.count }.count
        print("  products selling on under a quarter of the open days: \(sparse) of \(series.count)")
        print(
            "  " + "chosen per product (out of sample)".padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: "%.4f                 %.4f", chosenError / naive, scaledChosen / products)
                + " (target ≤ 0.75)")
        print(
            "  MASE over the \(scaledProducts) products whose history varies, scaled by their in-sample seasonal naive")
        print(
            "  chosen: "
                + chosenBy.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let chosenTotal = zip(totalActual, totalChosen).map { abs($0 - $1) }.reduce(0, +)
        let baselineTotal = zip(totalActual, totalBaseline).map { abs($0 - $1) }.reduce(0, +)
        print(
            String(
                format:
                    "  shop total, mean daily error: chosen %.1f units, weekday smoothing a=0.1 %.1f (of %.0f a day)",
                chosenTotal / 28, baselineTotal / 28, totalActual.reduce(0, +) / 28))

    }

    /// The in-sample mean absolute error of seasonal naive (the same weekday a week before), over the days both
    /// were observed: MASE's scale.
    static func seasonalNaiveScale(_ values: ArraySlice<Double?>) -> Double {
        let days = Array(values)
        var total = 0.0
        var count = 0
        for index in days.indices.dropFirst(7) {
            guard let now = days[index], let before = days[index - 7] else { continue }
            total += abs(now - before)
            count += 1
        }
        return count > 0 ? total / Double(count) : 0
    }
}
