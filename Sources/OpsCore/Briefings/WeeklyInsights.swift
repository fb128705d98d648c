import Foundation

/// The week just gone, read for what is worth money: sales lost to stock-outs, products selling well above or
/// below their own usual, a margin that slipped, hours staffed off target, and a day that stands out. Each card
/// clears a threshold; the five with the most money at stake are kept, in that order.
///
/// "Usual" is robust: per product and weekday, the median of the eight weeks before, and the spread as 1.4826 ×
/// the median absolute deviation. Days the shop was closed and days the product was out of stock are not read
/// as demand (`DemandHistory` leaves them out).
public struct WeeklyInsights {
    public struct Card: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Out of stock for `days` days; `units` the usual sales of those days.
            case lostSales(product: String, days: Int, units: Double)
            /// Sold `actual` in the week where `usual` was expected.
            case trend(product: String, actual: Double, usual: Double)
            /// One day far from the usual for its weekday.
            case anomaly(product: String, day: Date, actual: Double, usual: Double)
            /// Margin as a share of costed sales, this week and the four before.
            case margin(now: Double, before: Double)
            /// Hours with at least one person more than the sales needed, and the people over in all.
            case overstaffed(hours: Int, people: Double)
            /// Hours with at least one person fewer than the sales needed.
            case understaffed(hours: Int, people: Double)
        }

        public let kind: Kind
        /// Minor units at stake: the sales lost or gained, the margin slipped, the wages of the extra hours or of
        /// the people missing.
        public let money: Int
        /// The product a card is about, for its button.
        public let product: String?
    }

    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    /// Weeks of history a product needs before anything is said about it.
    static let historyWeeks = 8
    static let minimumObserved = 6

    /// The whole week (Monday or Sunday start, as the shop's) before the one `now` is in.
    public func lastWeek(now: Date) -> (start: Date, end: Date) {
        let calendar = org.calendar
        var start = calendar.startOfDay(now)
        let first = org.weekStart == .sunday ? 1 : 2
        while calendar.calendar.component(.weekday, from: start) != first {
            start = calendar.startOfDay(start, adding: -1)
        }
        return (calendar.startOfDay(start, adding: -7), start)
    }

    /// The money below which a card is not shown: £10, or 0.5 % of the week's sales when that is more.
    func threshold(weekRevenue: Int) -> Int { max(10 * Self.unit(org), weekRevenue / 200) }

    static func unit(_ org: Org) -> Int {
        var unit = 1
        for _ in 0..<max(0, min(org.currency.minorDigits, 6)) { unit *= 10 }
        return unit
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    public func cards(now: Date, limit: Int = 5) throws -> [Card] {
        let week = lastWeek(now: now)
        let calendar = org.calendar
        let days = Self.historyWeeks * 7 + 7
        let history = DemandHistory(store: store, org: org)
        let series = try history.series(days: days, now: week.end)
        let starts = (0...days).map { calendar.startOfDay(week.end, adding: $0 - days) }
        let out = try history.outageDays(starts: starts, product: nil)
        let products = Dictionary(try store.products(orgID: org.id).map { ($0.id, $0) }) { first, _ in first }
        let sales = SalesMetrics(store: store, org: org)
        let weekTotals = try sales.totals(from: week.start, to: week.end)
        let minimum = threshold(weekRevenue: weekTotals.revenue)
        var cards: [Card] = []

        for (id, demand) in series {
            guard let product = products[id], let price = product.unitPrice, price > 0 else { continue }
            let values = Array(demand.values)
            let weekOffset = days - 7
            var usual: [Double] = []
            var spread: [Double] = []
            var enough = true
            for day in 0..<7 {
                let past = stride(from: weekOffset + day - 7, through: 0, by: -7).compactMap { values[$0] }
                guard past.count >= Self.minimumObserved else {
                    enough = false
                    break
                }
                let middle = Self.median(past)
                usual.append(middle)
                spread.append(max(1, 1.4826 * Self.median(past.map { abs($0 - middle) })))
            }
            guard enough else { continue }
            // Days out of stock: their usual sales, lost.
            let outDays = (0..<7).filter { out[id]?.contains(weekOffset + $0) == true }
            let lostUnits = outDays.reduce(0) { $0 + usual[$1] }
            let lostMoney = Int((lostUnits * Double(price)).rounded())
            if !outDays.isEmpty, lostMoney >= minimum {
                cards.append(
                    Card(
                        kind: .lostSales(product: product.name, days: outDays.count, units: lostUnits),
                        money: lostMoney,
                        product: product.name))
            }
            // The week against its usual, on the days it could sell.
            let observed = (0..<7).filter { values[weekOffset + $0] != nil }
            guard observed.count >= 4 else { continue }
            let actual = observed.reduce(0) { $0 + (values[weekOffset + $1] ?? 0) }
            let expected = observed.reduce(0) { $0 + usual[$1] }
            let scale = (observed.reduce(0) { $0 + spread[$1] * spread[$1] }).squareRoot()
            let difference = actual - expected
            let trendMoney = Int((abs(difference) * Double(price)).rounded())
            // A week made by one day is that day's story, not a trend.
            let biggestDay = observed.map { abs((values[weekOffset + $0] ?? 0) - usual[$0]) }.max() ?? 0
            let oneDay = abs(difference) > 0 && biggestDay >= 0.7 * abs(difference)
            if !oneDay, abs(difference) >= max(5, 0.25 * expected), abs(difference) / scale >= 3,
                trendMoney >= minimum
            {
                cards.append(
                    Card(
                        kind: .trend(product: product.name, actual: actual, usual: expected), money: trendMoney,
                        product: product.name))
            }
            // One day far from its weekday's usual (a trend explains the week, not a day: only when none).
            else if let day = observed.max(by: {
                abs((values[weekOffset + $0] ?? 0) - usual[$0]) / spread[$0]
                    < abs((values[weekOffset + $1] ?? 0) - usual[$1]) / spread[$1]
            }) {
                let value = values[weekOffset + day] ?? 0
                let residual = value - usual[day]
                let money = Int((abs(residual) * Double(price)).rounded())
                if abs(residual) / spread[day] >= 5, abs(residual) >= 5, money >= minimum {
                    cards.append(
                        Card(
                            kind: .anomaly(
                                product: product.name, day: calendar.startOfDay(week.start, adding: day), actual: value,
                                usual: usual[day]), money: money, product: product.name))
                }
            }
        }

        // Margin against the four weeks before.
        let before = try sales.totals(from: calendar.startOfDay(week.start, adding: -28), to: week.start)
        if weekTotals.costedRevenue > 0, before.costedRevenue > 0 {
            let now = Double(weekTotals.costedRevenue - weekTotals.cost) / Double(weekTotals.costedRevenue)
            let then = Double(before.costedRevenue - before.cost) / Double(before.costedRevenue)
            let money = Int(((then - now) * Double(weekTotals.costedRevenue)).rounded())
            if then - now >= 0.02, money >= minimum {
                cards.append(Card(kind: .margin(now: now, before: then), money: money, product: nil))
            }
        }

        // Hours off the shop's staffing target.
        let staffing = StaffingMetrics(store: store, org: org)
        if let target = try staffing.target(now: week.end) {
            let off = try staffing.offTarget(from: week.start, to: week.end, target: target.splh)
            let extra = off.over.reduce(0.0) { sum, entry in
                let rate = entry.hour.ratedPeople > 0 ? entry.hour.cost / entry.hour.ratedPeople : 0
                return sum + entry.difference.rounded(.down) * rate
            }
            if !off.over.isEmpty, Int(extra.rounded()) >= minimum {
                cards.append(
                    Card(
                        kind: .overstaffed(hours: off.over.count, people: off.over.reduce(0) { $0 + $1.difference }),
                        money: Int(extra.rounded()), product: nil))
            }
            // What the missing people would have cost, at the week's average hourly rate: what mending it takes.
            let weekHours = try staffing.hours(from: week.start, to: week.end)
            let rated = weekHours.reduce(0) { $0 + $1.ratedPeople }
            let rate = rated > 0 ? weekHours.reduce(0) { $0 + $1.cost } / rated : 0
            let short = off.under.reduce(0.0) { $0 + (-$1.difference).rounded(.down) * rate }
            if off.under.count >= 3, Int(short.rounded()) >= minimum {
                cards.append(
                    Card(
                        kind: .understaffed(hours: off.under.count, people: off.under.reduce(0) { $0 - $1.difference }),
                        money: Int(short.rounded()), product: nil))
            }
        }
        return Array(cards.sorted { ($0.money, $1.product ?? "") > ($1.money, $0.product ?? "") }.prefix(limit))
    }
}
