import Foundation

/// A chart asked for: the question it pictures.
public enum ChartRequest: Sendable, Equatable {
    /// Revenue by day, with the period before as a second line.
    case sales(Period)
    /// Best sellers by revenue, as bars.
    case topProducts(Period)
    /// The average day by weekday.
    case weekdays(Period)
    /// Revenue by hour of the day.
    case hours(Period)
    /// One product's units by day, with its stock.
    case product(query: String, period: Period)
    /// One product's forecast with its likely range.
    case forecast(query: String)
    /// Sales and people on shift by hour.
    case staffing(Period)

    /// The words a chart is asked with ("chart", "graph", "plot" …).
    static let words: Set<String> = [
        "chart", "charts", "graph", "graphs", "plot", "visual", "visualise", "visualize", "diagram",
    ]
    /// Words that ask for a picture and nothing more ("show me a chart of …").
    static let filler: Set<String> = [
        "show", "me", "a", "an", "the", "of", "for", "draw", "make", "give", "see", "pls", "please", "can", "you",
    ]

    /// The chart of what the rest of the message asks, read by the same parser; nil for a question no chart
    /// shows (then the bot says it has no such chart, never another one).
    static func parse(_ m: MessageFeatures) -> ChartRequest? {
        guard !m.set.isDisjoint(with: words) else { return nil }
        // The words as understood (typos mended): "char" is "chart" here as in the check above, so the rest
        // cannot ask for a chart again (it once did, and recursed until the stack ran out).
        let rest = m.words.filter { !words.contains($0) && !filler.contains($0) }
        guard !rest.isEmpty else { return .sales(.lastDays(30)) }
        // A chart with no period named shows a month of days: "chart sales" is not one bar for today.
        let month = m.period == nil ? Period.lastDays(30) : nil
        switch m.parser.parse(rest.joined(separator: " ")) {
        case .sales(let period), .salesFigure(let period, _), .locations(let period): return .sales(month ?? period)
        case .topProducts(let top): return .topProducts(month ?? top.period)
        case .weekdays(let period): return .weekdays(period)
        case .busiestHours(let period): return .hours(period)
        case .productTrend(let query, let period), .productSales(let query, let period):
            return .product(query: query, period: period)
        case .productStock(let query): return .product(query: query, period: .lastDays(30))
        case .ordering(.forecast(let query)): return .forecast(query: query)
        case .staffing(.summary(let period, _)), .staffing(.offTarget(let period, _, _)): return .staffing(period)
        case .unknown where !Set(rest).isDisjoint(with: ["sales", "revenue", "takings"]):
            return .sales(.lastDays(30))
        case .chart: return nil
        default: return nil
        }
    }
}
