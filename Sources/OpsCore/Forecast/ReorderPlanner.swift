import Foundation

/// What to order: per product, enough to last until the order after next arrives (lead time + review period)
/// at the forecast rate, plus safety stock from the forecast's own backtest error, less the stock and what is
/// on order — rounded up to packs and to the supplier's minimum.
public struct ReorderPlanner {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    public struct Suggestion: Sendable, Equatable {
        public let product: Product
        public let terms: OrderingTerms
        public let stock: Int
        public let onOrder: Int
        /// Units to order, a whole number of packs.
        public let quantity: Int
        /// The forecast over lead time + review period, and the safety stock on top.
        public let demand: Double
        public let safetyStock: Double
        public let leadDays: Int
        /// The day the stock on hand runs out at the forecast, 0 for today; nil beyond 28 days.
        public let runsOutInDays: Int?
        /// The forecast's typical daily error on its backtest.
        public let typicalError: Double
    }

    /// The order for one product. `forecast`: units per day from today's start; `todayLeft`: the share of
    /// today's sales still to come; `typicalError`: the mean absolute
    /// daily error of that forecast.
    public static func orderQuantity(
        forecast: [Double], todayLeft: Double = 1, typicalError: Double, stock: Int, onOrder: Int, leadDays: Int,
        reviewDays: Int, packSize: Int?, minimum: Int, serviceLevel: Double
    ) -> (quantity: Int, demand: Double, safetyStock: Double) {
        // Stored lead times may be any size an older build let in: a year is the longest an order covers.
        let days = max(1, min(366, min(max(0, leadDays), 366) + min(max(0, reviewDays), 366)))
        func units(_ day: Int) -> Double { day < forecast.count ? forecast[day] : (forecast.last ?? 0) }
        // From now to the same time `days` days on: the rest of today, the days between, and the part of the
        // last day before this hour.
        let share = min(max(todayLeft, 0), 1)
        var demand = share * (units(0) - units(days))
        for day in 1...days { demand += units(day) }
        // A mean absolute error is about 0.8 of a standard deviation; errors over days add in quadrature.
        let safety = z(serviceLevel) * 1.25 * max(0, typicalError) * Double(days).squareRoot()
        let needed = demand + safety - Double(max(0, stock)) - Double(max(0, onOrder))
        guard needed > 1e-9 else { return (0, demand, safety) }
        var quantity = Int(needed.rounded(.up).clamped(to: 0...1e12))
        quantity = max(quantity, max(0, minimum))
        if let pack = packSize, pack > 1 {
            let (padded, overflow) = quantity.addingReportingOverflow(pack - 1)
            let (rounded, tooMany) = ((overflow ? Int.max : padded) / pack).multipliedReportingOverflow(by: pack)
            quantity = tooMany ? Int.max / pack * pack : rounded
        }
        return (quantity, demand, safety)
    }

    /// The standard normal quantile for a service level between 50 % and 99.9 % (Abramowitz & Stegun 26.2.23).
    static func z(_ level: Double) -> Double {
        let p = min(max(level, 0.5), 0.999)
        guard p > 0.5 else { return 0 }
        let t = (-2 * log(1 - p)).squareRoot()
        return t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
    }

    static let selectStock = """
        SELECT p.id, SUM(l.quantity) FROM products p JOIN inventory_levels l ON l.product_id = p.id
        WHERE p.org_id = ? AND p.active = 1 GROUP BY p.id
        """

    /// The suggestions for every counted product that needs an order, by supplier, then soonest out first.
    /// `defaultLeadDays`: for products with no lead time of their own. `only`: one product.
    public func plan(now: Date, defaultLeadDays: Int = 3, only: Int64? = nil) throws -> [Suggestion] {
        var stock: [Int64: Int] = [:]
        try store.database.forEachRow(Self.selectStock, [.integer(org.id)]) { stock[$0.int64(0)] = $0.int(1) }
        if let only { stock = stock.filter { $0.key == only } }
        // The forecasts the alerts read, made again first if sales changed since or a day has turned.
        let book = ForecastBook(store: store, org: org)
        try book.refreshIfStale(now: now)
        let forecasts = try store.demandForecasts(orgID: org.id)
        let today = org.calendar.dayKey(now)
        let left = try book.shareOfTodayLeft(now: now)
        // The catalogue once, not a query per product.
        let products = Dictionary(try store.products(orgID: org.id).map { ($0.id, $0) }) { first, _ in first }
        let onOrder = try store.onOrder(orgID: org.id)
        let terms = try store.orderingTerms(orgID: org.id)
        var result: [Suggestion] = []
        for (id, quantity) in stock {
            guard let forecast = forecasts[id], let product = products[id] else { continue }
            let daily = forecast.daily(from: today, calendar: org.calendar)
            guard !daily.isEmpty else { continue }
            let productTerms = terms[id] ?? OrderingTerms()
            let lead = product.leadTimeDays ?? defaultLeadDays
            let order = Self.orderQuantity(
                forecast: daily, todayLeft: left, typicalError: forecast.typicalError, stock: quantity,
                onOrder: onOrder[id] ?? 0, leadDays: lead, reviewDays: productTerms.reviewDays,
                packSize: product.packSize, minimum: productTerms.minimumOrder, serviceLevel: productTerms.serviceLevel)
            guard order.quantity > 0 else { continue }
            result.append(
                Suggestion(
                    product: product, terms: productTerms, stock: quantity, onOrder: onOrder[id] ?? 0,
                    quantity: order.quantity, demand: order.demand, safetyStock: order.safetyStock, leadDays: lead,
                    runsOutInDays: StockCover.runOutDay(stock: quantity, demand: daily, todayLeft: left)
                        .flatMap { $0 < daily.count ? $0 : nil },
                    typicalError: forecast.typicalError))
        }
        return result.sorted {
            ($0.terms.supplier ?? "\u{10FFFF}", $0.runsOutInDays ?? Int.max, $0.product.name)
                < ($1.terms.supplier ?? "\u{10FFFF}", $1.runsOutInDays ?? Int.max, $1.product.name)
        }
    }
}

extension Double {
    fileprivate func clamped(to range: ClosedRange<Double>) -> Double {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
