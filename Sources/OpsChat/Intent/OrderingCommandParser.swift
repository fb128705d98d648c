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
        let meaningful = words.filter { !Vocabulary.filler.contains($0) || $0 == "on" }
        let set = Set(words)

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
        if first == "when", set.contains("out"), !set.isDisjoint(with: ["run", "runs", "running"]) {
            let query = words.filter {
                !["when", "will", "does", "do", "we", "run", "runs", "running", "out", "of", "the", "is", "are"]
                    .contains($0)
            }
            return query.isEmpty ? nil : .runOut(query: query.joined(separator: " "))
        }
        if ["orders", "purchase orders", "open orders", "on order", "whats on order", "pos", "open purchase orders"]
            .contains(meaningful.joined(separator: " "))
            || Self.asksDeliveriesDue(meaningful)
        {
            return .purchaseOrders
        }
        if let wanted = Self.orderForProduct(words) { return wanted }
        if words.count == 3, words[0] == "approve", words[1] == "order", let id = Int64(words[2]) {
            return .approve(proposalID: id)
        }
        if let list = orderList(words) { return list }
        if let rest = Self.afterOrdered(words) {
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
        }
        if let receipt = Self.receipt(words) { return receipt }
        // "lead time oat milk 2 days", "oat milk lead time 3 days", "oat milk takes 2 days to arrive".
        let takesDays =
            set.contains("takes") && !set.isDisjoint(with: ["days", "day"])
            && !set.isDisjoint(with: ["arrive", "come", "deliver", "delivery", "get", "here"])
        if Self.contains(words, ["lead", "time"]) || words.contains("leadtime") || takesDays {
            let tail = words.filter {
                ![
                    "lead", "time", "leadtime", "takes", "to", "arrive", "come", "deliver", "delivery", "get", "here",
                    "a", "has",
                ].contains($0)
            }
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
        if Self.contains(words, ["minimum", "order"]) || Self.contains(words, ["min", "order"]) {
            guard let units = words.compactMap({ Int($0) }).last, (0...1_000_000).contains(units) else {
                return .usage("Say the product and the units: “minimum order oat milk 24”.")
            }
            let product = words.filter {
                Int($0) == nil && !["minimum", "min", "order", "is", "of", "for", "units"].contains($0)
            }
            return product.isEmpty ? nil : .minimumOrder(query: product.joined(separator: " "), units: units)
        }
        if let supplier = Self.supplier(trimmed) { return supplier }
        return nil
    }

    /// Whether `phrase` appears in `words`, in order and together.
    static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }

    /// "supplier oat milk Dairy Direct", "supplier for oat milk is Dairy Direct", "oat milk supplier is Dairy
    /// Direct", "set supplier for oat milk to Dairy Direct", "we get oat milk from Dairy Direct": the product's
    /// words, then the supplier's as typed (its capitals kept).
    static func supplier(_ text: String) -> OrderingCommand? {
        let typed = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let lower = typed.map { $0.lowercased().trimmingCharacters(in: .punctuationCharacters) }
        func joined(_ range: Range<Int>) -> String { typed[range].joined(separator: " ") }
        func command(product: Range<Int>, supplier: Range<Int>) -> OrderingCommand {
            let productWords = lower[product].filter { !["for", "of", "the", "our", "set"].contains($0) }
            guard !productWords.isEmpty, !supplier.isEmpty else {
                return .usage("Say the product, then the supplier: “supplier oat milk Dairy Direct”.")
            }
            return .supplier(text: productWords.joined(separator: " ") + " " + joined(supplier))
        }
        if let at = lower.firstIndex(of: "supplier") {
            let start = lower.firstIndex(where: { $0 != "set" && $0 != "change" }) ?? 0
            // "oat milk supplier is Dairy Direct": the product before, the supplier after "is".
            if at > start, let verb = lower[(at + 1)...].firstIndex(where: { $0 == "is" || $0 == "to" }) {
                return command(product: start..<at, supplier: (verb + 1)..<typed.count)
            }
            guard at == start else { return nil }
            // "supplier for oat milk is Dairy Direct", "set supplier for oat milk to Dairy Direct".
            if let verb = lower[(at + 1)...].firstIndex(where: { $0 == "is" || $0 == "to" }) {
                return command(product: (at + 1)..<verb, supplier: (verb + 1)..<typed.count)
            }
            let value = joined((at + 1)..<typed.count)
            return value.isEmpty
                ? .usage("Say the product, then the supplier: “supplier oat milk Dairy Direct”.")
                : .supplier(text: value)
        }
        // "we get oat milk from Dairy Direct", "oat milk comes from Dairy Direct".
        guard let from = lower.firstIndex(of: "from"), from > 0 else { return nil }
        let product: Range<Int>
        if let verb = lower[..<from].firstIndex(where: { $0 == "comes" || $0 == "come" }), verb > 0 {
            product = 0..<verb
        } else if let verb = lower[..<from].firstIndex(where: { ["get", "buy", "order"].contains($0) }),
            lower[..<verb].allSatisfy({ ["we", "i", "always", "usually"].contains($0) })
        {
            product = (verb + 1)..<from
        } else {
            return nil
        }
        guard lower[product].allSatisfy({ !["what", "which", "how", "should", "do", "does"].contains($0) }) else {
            return nil
        }
        return command(product: product, supplier: (from + 1)..<typed.count)
    }

    /// Words before "ordered" in "we ordered 24 oat milk", "I've just ordered …".
    static let orderers: Set<String> = ["we", "i", "ive", "weve", "ve", "just", "have", "has", "already", "ok", "okay"]

    /// The words after "ordered" ("ordered …", "we ordered …", "order placed: …"), when the message says so.
    static func afterOrdered(_ words: [String]) -> [String]? {
        if words.starts(with: ["order", "placed"]) { return Array(words.dropFirst(2)) }
        guard let index = words.firstIndex(of: "ordered"), words[..<index].allSatisfy(orderers.contains) else {
            return nil
        }
        return Array(words[(index + 1)...])
    }

    /// Words of a delivery that came: "received oat milk 24", "24 oat milk arrived", "got 24 oat milk delivered".
    static let arrivals: Set<String> = ["received", "receive", "delivered", "delivery", "arrived", "arrive", "came"]
    static let receiptWords: Set<String> = [
        "of", "x", "in", "units", "got", "we", "just", "today", "the", "has", "have", "a", "this", "morning",
        "were", "was", "ve", "weve", "ive", "i", "now", "delivery", "our",
    ]
    static let packWords: Set<String> = ["cases", "case", "packs", "pack", "boxes", "box", "crates", "crate", "trays"]

    static func receipt(_ words: [String]) -> OrderingCommand? {
        let set = Set(words)
        guard let first = words.first, !set.isDisjoint(with: arrivals) else { return nil }
        // A question about deliveries ("how many oat milk arrived last week") is not one arriving.
        if ["how", "what", "whats", "when", "which", "did", "any", "is", "are", "has"].contains(first)
            // "oat milk takes 2 days to arrive" is a lead time, not 2 arriving.
            || !set.isDisjoint(with: ["last", "due", "expected", "when", "takes", "days", "day", "usually", "normally"])
        {
            return nil
        }
        let numbers = words.compactMap { Int($0) }
        let inPacks = !set.isDisjoint(with: packWords)
        let product = words.filter {
            Int($0) == nil && !arrivals.contains($0) && !receiptWords.contains($0) && !packWords.contains($0)
        }
        guard numbers.count == 1, let quantity = numbers.first, quantity > 0, quantity <= 1_000_000, !product.isEmpty
        else { return .usage("Say what came and how many: “received oat milk 24”.") }
        let query = product.joined(separator: " ")
        return inPacks ? .receivedPacks(packs: quantity, query: query) : .received(quantity: quantity, query: query)
    }

    /// "any orders due", "deliveries due today", "what's due": the open purchase orders.
    static func asksDeliveriesDue(_ meaningful: [String]) -> Bool {
        let allowed: Set<String> = [
            "any", "orders", "order", "due", "deliveries", "delivery", "expected", "open", "pending", "outstanding",
            "what", "whats", "is", "are", "coming", "today", "this", "week", "tomorrow", "in",
        ]
        let words = Set(meaningful)
        return !words.isEmpty && words.isSubset(of: allowed)
            && (words.contains("due") || words.contains("deliveries") || words.contains("outstanding")
                || words.contains("pending"))
    }

    /// "how much oat milk should I order", "should I order more croissants", "do we need to order oat milk".
    static func orderForProduct(_ words: [String]) -> OrderingCommand? {
        let asks: Set<String> = [
            "how", "much", "many", "should", "shall", "i", "we", "do", "need", "to", "order", "reorder", "more",
            "of", "the", "any", "buy", "get", "is", "it", "time", "some",
        ]
        guard words.contains("order") || words.contains("reorder"), words.contains("should") || words.contains("need")
        else { return nil }
        let product = words.filter { !asks.contains($0) && !Vocabulary.filler.contains($0) }
        // "what should I order" asks for the whole list; a supplier follows "from".
        guard !product.isEmpty, !product.contains("what"), !product.contains("whats"), !words.contains("from")
        else { return nil }
        return .orderFor(query: product.joined(separator: " "))
    }

    /// "order list", "order list for Dairy Direct", "what should I order", "reorder".
    private func orderList(_ words: [String]) -> OrderingCommand? {
        // "what should I order from Dairy Direct".
        if let from = words.firstIndex(of: "from"), from + 1 < words.count,
            words[..<from].contains(where: { ["order", "reorder"].contains($0) }),
            words[..<from].allSatisfy({ Self.listQuestion.contains($0) })
        {
            return .orderList(supplier: words[(from + 1)...].joined(separator: " "))
        }
        guard let index = words.firstIndex(where: { $0 == "list" || $0 == "suggestions" || $0 == "suggested" }),
            words[..<index].contains(where: { ["order", "reorder", "ordering", "restock"].contains($0) })
                || words.first == "suggested"
        else {
            let core = words.filter { !Vocabulary.filler.contains($0) }
            return core == ["reorder"] || core == ["order"] ? .orderList(supplier: nil) : nil
        }
        let after = words[(index + 1)...]
        // "order list for Dairy Direct", or "order list Dairy Direct": what follows names the supplier.
        let named = after.drop { $0 == "for" || $0 == "from" }.filter { !["please", "pls", "thanks"].contains($0) }
        return .orderList(supplier: named.isEmpty ? nil : named.joined(separator: " "))
    }

    /// The words of "what should I order" before "from" names a supplier.
    static let listQuestion: Set<String> = [
        "what", "whats", "should", "shall", "i", "we", "do", "need", "to", "order", "reorder", "the", "list", "can",
        "you", "tell", "me", "get",
    ]
}
