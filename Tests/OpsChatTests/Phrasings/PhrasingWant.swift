@testable import OpsChat

/// What the reply to a phrasing must contain, worked out from the shop's raw lines by `PhrasingOracle`.
enum PhrasingWant: Sendable {
    /// Local days, `from` included, `to` excluded (nil: up to now).
    struct Span: Sendable {
        let from: String
        let to: String?
    }

    case revenue(Span)
    case orders(Span)
    case basket(Span)
    case units(Span)
    case margin(Span)
    /// Units of the product of that name sold in the span.
    case productUnits(String, Span)
    /// The product's stock now.
    case stock(String)
    case lowStock
    case outOfStock
    case categoryStock(String)
    /// The first of the ranking: by revenue, units or margin, best or worst, in a category.
    case top(Span, TopProducts.Metric, bottom: Bool = false, category: String? = nil)
    case categoryRevenue(Span)
    case categoryMargin(Span)
    case busiestHours
    case weekdays
    case stockOuts
    /// The product's trend: its name and units over the span.
    case trend(String, Span)
    case help
    case settings
    case alerts
    /// "I can't answer that yet": a kind of question the bot has no answer for.
    case notYet
    /// The order plan: its title, and every product out of stock that sold in the last four weeks.
    case orderList
    /// The product's forecast.
    case forecast(String)
    /// Who works in the span: every person with a shift in it (not capped at now).
    case whoWorks(Span)
    /// Labour over the span: its hours, from the shifts.
    case labour(Span)
    /// Hours staffed off target.
    case offTarget
}

/// The periods the phrasings name, for a shop whose "now" is Wednesday 25 November 2026, 15:00 in London.
extension PhrasingWant.Span {
    static let today = Self(from: "2026-11-25", to: nil)
    static let yesterday = Self(from: "2026-11-24", to: "2026-11-25")
    static let thisWeek = Self(from: "2026-11-23", to: nil)
    static let lastWeek = Self(from: "2026-11-16", to: "2026-11-23")
    static let thisMonth = Self(from: "2026-11-01", to: nil)
    static let lastMonth = Self(from: "2026-10-01", to: "2026-11-01")
    static let last7 = Self(from: "2026-11-19", to: nil)
    static let last14 = Self(from: "2026-11-12", to: nil)
    static let last30 = Self(from: "2026-10-27", to: nil)
    static let last28 = Self(from: "2026-10-29", to: nil)
    static let lastWeekend = Self(from: "2026-11-21", to: "2026-11-23")
    static let saturday = Self(from: "2026-11-21", to: "2026-11-22")
    static let monday = Self(from: "2026-11-23", to: "2026-11-24")
    static let october = Self(from: "2026-10-01", to: "2026-11-01")
    static let nov1to15 = Self(from: "2026-11-01", to: "2026-11-16")
    static let nov10to20 = Self(from: "2026-11-10", to: "2026-11-21")
    static let theThird = Self(from: "2026-11-03", to: "2026-11-04")
    static let nov14 = Self(from: "2026-11-14", to: "2026-11-15")
    static let tomorrow = Self(from: "2026-11-26", to: "2026-11-27")
    static let wholeThisWeek = Self(from: "2026-11-23", to: "2026-11-30")
    static let wholeToday = Self(from: "2026-11-25", to: "2026-11-26")
}
