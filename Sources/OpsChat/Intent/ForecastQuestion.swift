/// A look ahead asked in plain words rather than as a command: "how many croissants will we sell tomorrow",
/// "how much oat milk do we need next week", "demand for oat milk next week", "expected sales next week" (a
/// forecast), "will we run out of oat milk", "how long will the oat milk last" (when it runs out).
struct ForecastQuestion {
    let words: [String]

    /// Words that put a question in the future.
    static let future: Set<String> = [
        "will", "gonna", "tomorrow", "tmrw", "tmr", "tomoz", "next", "upcoming", "expect", "expected", "projected",
        "predicted", "forecasted", "likely",
    ]
    /// Words that ask for an amount sold or needed.
    static let amount: Set<String> = ["sell", "selling", "need", "needed", "demand", "use", "through", "go"]
    /// Words that ask for the shop's takings.
    static let takings: Set<String> = [
        "sales", "takings", "revenue", "turnover", "make", "take", "earn", "bring", "busy", "sell",
    ]
    /// Words that show a short message is about something other than a product's sales.
    static let notProducts: Set<String> = [
        "top", "best", "worst", "products", "items", "staff", "rota", "shift", "shifts", "weather", "open",
        "closed", "delivery", "deliveries", "order", "orders", "stock", "who", "working", "sales", "takings",
        "revenue", "busy", "hours", "customers", "alerts", "tasks", "report", "chart",
    ]

    /// Words of the question itself, around the product's name.
    static let question: Set<String> = [
        "how", "many", "much", "will", "would", "we", "i", "you", "they", "do", "does", "did", "sell", "selling",
        "need", "needed", "use", "go", "through", "of", "the", "a", "an", "next", "week", "weeks", "tomorrow",
        "tmrw", "tmr", "tomoz", "this", "weekend", "day", "days", "7", "seven", "be", "gonna", "going", "to",
        "expect", "expected", "projected", "predicted", "forecasted", "likely", "demand", "for", "in", "units",
        "think", "are", "is", "probably", "about", "roughly", "on", "up", "what", "whats", "our", "us", "get",
        "upcoming", "there", "any", "should", "can", "could", "please", "pls", "coming",
    ]

    /// A coming day or week named outright: "tomorrow", "next week", "next 7 days".
    var namesComingDays: Bool {
        words.contains("tomorrow") || words.contains("tmrw") || words.contains("tmr") || words.contains("tomoz")
            || OrderingCommandParser.contains(words, ["next", "week"])
            || OrderingCommandParser.contains(words, ["next", "7", "days"])
    }

    var command: OrderingCommand? {
        let set = Set(words)
        if let runOut = runOutQuery(set) { return runOut }
        guard !set.isDisjoint(with: Self.future) else { return nil }
        // "sales next week", "takings tomorrow": the shop's takings ahead.
        let named = words.filter { !Self.question.contains($0) && !Vocabulary.filler.contains($0) }
        if namesComingDays, !named.isEmpty, named.allSatisfy(Self.takings.contains) { return .shopForecast }
        // "oat milk next week", "croissants tomorrow": a short message naming a product and a coming day.
        if namesComingDays, words.count <= 5, !named.isEmpty, set.isDisjoint(with: Self.notProducts) {
            return .forecast(query: named.joined(separator: " "))
        }
        let asksHowMuch = set.contains("how") && !set.isDisjoint(with: ["many", "much", "busy"])
        let asksDemand = set.contains("demand") || set.contains("expected") || set.contains("projected")
        guard asksHowMuch || asksDemand else { return nil }
        let rest = words.filter {
            !Self.question.contains($0) && !Vocabulary.filler.contains($0) && $0 != "stock" && $0 != "inventory"
        }
        // "how much stock do we need next week": what to order.
        if rest.isEmpty, !set.isDisjoint(with: ["stock", "inventory"]), !set.isDisjoint(with: ["need", "needed"]) {
            return .orderList(supplier: nil)
        }
        if rest.isEmpty || rest.allSatisfy(Self.takings.contains) {
            // "how much will we make next week", "expected sales tomorrow"; not "how many will we need".
            return set.isDisjoint(with: Self.takings) ? nil : .shopForecast
        }
        guard !set.isDisjoint(with: Self.amount) || asksDemand else { return nil }
        let query = rest.filter { !Self.takings.contains($0) }
        return query.isEmpty ? nil : .forecast(query: query.joined(separator: " "))
    }

    /// "will we run out of oat milk", "are we going to run out of oat milk", "how long will oat milk last",
    /// "days of cover for oat milk".
    private func runOutQuery(_ set: Set<String>) -> OrderingCommand? {
        let runsOut =
            set.contains("out") && !set.isDisjoint(with: ["run", "runs", "running"])
            && !set.isDisjoint(with: ["will", "gonna", "going", "when"])
        // "how long will oat milk last", "will oat milk last the weekend", "enough croissants for tomorrow?".
        let lasts =
            set.contains("last") && (set.contains("long") && set.contains("how") || set.contains("will"))
            || set.contains("enough") && (namesComingDays || set.contains("weekend"))
        let cover = set.contains("cover") && set.isDisjoint(with: ["sales", "staff", "shift", "shifts"])
        guard runsOut || lasts || cover else { return nil }
        let query = words.filter {
            !Self.question.contains($0) && !Vocabulary.filler.contains($0)
                && ![
                    "run", "runs", "running", "out", "last", "lasts", "long", "cover", "left", "stock", "when",
                    "enough",
                    "have", "got", "weekend",
                ].contains($0)
        }
        return query.isEmpty ? nil : .runOut(query: query.joined(separator: " "))
    }
}
