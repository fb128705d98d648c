/// Questions the bot recognises as a kind it cannot answer yet. Answering them with the nearest thing it can
/// do would be a confident answer to another question; it says what it understood and what it can do instead.
public enum NotYetTopic: String, Sendable, Equatable, CaseIterable {
    case forecast
    case staffing
    case charts
    case risingProducts
    case customers

    /// What the reply says it understood.
    var asked: String {
        switch self {
        case .forecast: return "a forecast of what will sell"
        case .staffing: return "staffing and shifts"
        case .charts: return "a chart"
        case .risingProducts: return "which products are rising or falling"
        case .customers: return "customers by name (till exports I read don't say who bought)"
        }
    }

    /// The closest things the bot can do, as phrases to send.
    var suggestions: [String] {
        switch self {
        case .forecast: return ["stock low?", "sales last week"]
        case .staffing: return ["busiest hours this month", "sales today"]
        case .charts: return ["how is oat milk doing", "sales by category"]
        case .risingProducts: return ["top 5 products this week", "how is oat milk doing"]
        case .customers: return ["how many orders this week", "sales today"]
        }
    }

    static let forecastWords: Set<String> = [
        "forecast", "forecasts", "forecasting", "predict", "prediction", "predictions", "projection", "projections",
        "projected", "expect", "expected", "tomorrow", "tmrw", "tmr", "tomoz", "next", "will", "gonna", "upcoming",
    ]
    static let staffingWords: Set<String> = [
        "rota", "rotas", "shift", "shifts", "staffing", "staffed", "working", "wages", "wage", "labour", "labor",
        "payroll", "clocked", "clock", "overtime", "understaffed", "overstaffed", "schedule", "scheduled", "workers",
    ]
    static let chartWords: Set<String> = ["chart", "charts", "graph", "graphs", "plot", "visual", "visualise", "pie"]
    static let risingWords: Set<String> = [
        "rising", "growing", "movers", "climbing", "increasing", "declining", "falling", "dropping", "up", "down",
    ]
    static let customerWords: Set<String> = ["loyal", "repeat", "regulars", "regular", "returning", "new"]

    /// The topic a message asks about, if it is one of these. `namesProduct`: the message names a product (a
    /// chart of one product is its trend, which the bot has).
    static func asked(in m: MessageFeatures) -> NotYetTopic? {
        let words = m.set
        if !words.isDisjoint(with: forecastWords), m.period == nil || words.contains("next") {
            // "will" alone is not a forecast ("how much will 5 lattes cost" is not asked here either).
            let strong = words.subtracting(["will", "gonna", "next", "expect", "expected", "upcoming"])
            // "which products will run out soon" is the low-stock list, answered elsewhere.
            let sells = !words.isDisjoint(with: Vocabulary.sales) || !words.isDisjoint(with: ["need", "busy"])
            // "top products next week": a coming week is not this one.
            let comingPeriod =
                words.contains("next") && !words.isDisjoint(with: ["week", "month", "year", "weekend", "days"])
                && words.isDisjoint(with: staffingWords) && !words.contains("staff") && !words.contains("out")
            if !strong.isDisjoint(with: forecastWords) || sells && !words.isDisjoint(with: forecastWords)
                || comingPeriod
            {
                return .forecast
            }
        }
        if !words.isDisjoint(with: staffingWords) || m.containsPhrase(["who", "is", "on"])
            || m.containsPhrase(["whos", "on"]) || m.containsPhrase(["who", "is", "in"])
            || words.contains("staff")
                && !words.isDisjoint(with: ["cost", "costs", "hours", "need", "needed", "enough", "many", "on"])
        {
            return .staffing
        }
        if !words.isDisjoint(with: chartWords), !m.namesAProduct { return .charts }
        let ranksProducts = !words.isDisjoint(with: ["products", "which", "what", "whats", "items", "anything"])
        if ranksProducts, !m.namesAProduct, !words.isDisjoint(with: risingWords) || words.contains("trending") {
            return .risingProducts
        }
        if !words.isDisjoint(with: SalesFigure.words[.customers]!),
            !words.isDisjoint(with: customerWords) || words.contains("best") || words.contains("top")
                || words.contains("who")
        {
            return .customers
        }
        return nil
    }
}
