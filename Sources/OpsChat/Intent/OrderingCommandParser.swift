import Foundation

/// Reads the ordering commands, which have a fixed shape, before the free-text parser.
struct OrderingCommandParser {
    static let dueWords: Set<String> = ["arriving", "arrives", "due", "coming", "expected", "for", "on", "by", "eta"]
    static let quiet: Set<String> = [
        "for", "the", "of", "next", "week", "7", "days", "please", "pls", "me", "a", "tomorrow", "tmrw", "tmr",
        "tomoz", "weekend", "coming", "upcoming", "this",
    ]

    /// "forecast oat milk", "what's the forecast for tomorrow", "show me the forecasts".
    static let forecastWords: Set<String> = [
        "forecast", "forecasts", "predict", "whats", "what", "is", "the", "show", "give", "see", "get", "look", "like",
        "looking", "how", "does", "do", "our", "your",
    ]

    func parse(_ text: String) -> OrderingCommand? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let words = TextNormalizer.tokens(trimmed)
        guard let first = words.first else { return nil }
        let rest = Array(words.dropFirst())
        let meaningful = words.filter { !Vocabulary.filler.contains($0) || $0 == "on" }

        if first == "forecast" || first == "predict" || words.contains("forecast") || words.contains("forecasts") {
            let query = words.filter {
                !Self.forecastWords.contains($0) && !Self.quiet.contains($0) && !Vocabulary.sales.contains($0)
                    && !Vocabulary.filler.contains($0) && !PeriodParser.vocabulary.contains($0)
            }
            guard !query.isEmpty else {
                // "forecast sales next week", "sales forecast": the shop's takings.
                return words.count == 1 ? .usage("Forecast which product? “forecast oat milk”.") : .shopForecast
            }
            return .forecast(query: query.joined(separator: " "))
        }
        if let question = ForecastQuestion(words: words).command { return question }
        if first == "when", words.contains("out"), !Set(words).isDisjoint(with: ["run", "runs", "running"]) {
            let query = words.filter {
                !["when", "will", "does", "do", "we", "run", "runs", "running", "out", "of", "the", "is", "are"]
                    .contains($0)
            }
            return query.isEmpty ? nil : .runOut(query: query.joined(separator: " "))
        }
        if ["orders", "purchase orders", "open orders", "on order", "whats on order", "pos", "open purchase orders"]
            .contains(meaningful.joined(separator: " "))
        {
            return .purchaseOrders
        }
        if words.count == 3, words[0] == "approve", words[1] == "order", let id = Int64(words[2]) {
            return .approve(proposalID: id)
        }
        if let list = orderList(words) { return list }
        switch first {
        case "ordered":
            guard let quantity = rest.first.flatMap({ Int($0) }), quantity > 0 else {
                return .usage("Say how many and what: “ordered 24 oat milk arriving friday”.")
            }
            let after = Array(rest.dropFirst())
            let dueIndex = after.firstIndex(where: Self.dueWords.contains) ?? after.endIndex
            let product = after[..<dueIndex].filter { $0 != "x" && $0 != "of" }
            guard !product.isEmpty, quantity <= 1_000_000 else {
                return .usage("Say how many and what: “ordered 24 oat milk arriving friday”.")
            }
            let due = after[dueIndex...].drop(while: Self.dueWords.contains).joined(separator: " ")
            return .ordered(quantity: quantity, query: product.joined(separator: " "), due: due.isEmpty ? nil : due)
        case "received", "receive", "delivered", "delivery":
            let numbers = rest.compactMap { Int($0) }
            let product = rest.filter { Int($0) == nil && !["of", "x", "in", "units"].contains($0) }
            guard numbers.count == 1, let quantity = numbers.first, quantity > 0, quantity <= 1_000_000,
                !product.isEmpty
            else { return .usage("Say what came and how many: “received oat milk 24”.") }
            return .received(quantity: quantity, query: product.joined(separator: " "))
        default:
            break
        }
        if words.starts(with: ["lead", "time"]) || words.starts(with: ["leadtime"]) {
            let tail = words.drop { $0 == "lead" || $0 == "time" || $0 == "leadtime" }
            guard let days = tail.compactMap({ Int($0) }).last, (0...365).contains(days) else {
                return .usage("Say the product and the days: “lead time oat milk 2 days”.")
            }
            let product = tail.filter { Int($0) == nil && !["days", "day", "is", "of", "for"].contains($0) }
            return product.isEmpty
                ? .usage("Which product? “lead time oat milk 2 days”.")
                : .leadTime(query: product.joined(separator: " "), days: days)
        }
        if let packs = words.firstIndex(where: { $0 == "packs" || $0 == "pack" || $0 == "cases" || $0 == "case" }),
            packs + 2 < words.count || words.contains("size")
        {
            // "oat milk comes in packs of 12", "pack size oat milk 12".
            guard let units = words.compactMap({ Int($0) }).last, (1...100_000).contains(units) else { return nil }
            let product = words.filter {
                Int($0) == nil
                    && !["comes", "come", "in", "packs", "pack", "of", "size", "cases", "case", "is"].contains($0)
            }
            return product.isEmpty ? nil : .packSize(query: product.joined(separator: " "), units: units)
        }
        if words.starts(with: ["minimum", "order"]) || words.starts(with: ["min", "order"]) {
            guard let units = words.compactMap({ Int($0) }).last, (0...1_000_000).contains(units) else {
                return .usage("Say the product and the units: “minimum order oat milk 24”.")
            }
            let product = words.dropFirst(2).filter { Int($0) == nil && !["is", "of", "for", "units"].contains($0) }
            return product.isEmpty ? nil : .minimumOrder(query: product.joined(separator: " "), units: units)
        }
        if first == "supplier" {
            let value = trimmed.split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            return value.isEmpty
                ? .usage("Say the product, then the supplier: “supplier oat milk Dairy Direct”.")
                : .supplier(text: value)
        }
        return nil
    }

    /// "order list", "order list for Dairy Direct", "what should I order", "reorder".
    private func orderList(_ words: [String]) -> OrderingCommand? {
        guard let index = words.firstIndex(where: { $0 == "list" || $0 == "suggestions" || $0 == "suggested" }),
            words[..<index].contains(where: { ["order", "reorder", "ordering", "restock"].contains($0) })
                || words.first == "suggested"
        else {
            let core = words.filter { !Vocabulary.filler.contains($0) }
            return core == ["reorder"] || core == ["order"] ? .orderList(supplier: nil) : nil
        }
        let after = words[(index + 1)...]
        guard let forIndex = after.firstIndex(of: "for") else { return .orderList(supplier: nil) }
        let supplier = after[(forIndex + 1)...].joined(separator: " ")
        return .orderList(supplier: supplier.isEmpty ? nil : supplier)
    }
}
