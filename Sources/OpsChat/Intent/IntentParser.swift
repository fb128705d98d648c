/// Reads a message and decides what it asks for. Deterministic and local: no network, no model.
///
/// Steps: normalise into tokens; correct one typo in words of four letters or more (never in product
/// words); take out the period; then pick the intent from the groups of words present.
public struct IntentParser: Sendable {
    /// Words of the shop's product names: they are left as typed, so "salt" never becomes "sale".
    let productWords: Set<String>
    /// The shop's categories, as the words they are written with, and as named.
    let categories: [(words: [String], name: String)]
    /// The shop's locations, likewise; "at <location>" narrows sales to one when there are several.
    let locations: [(words: [String], name: String)]

    public init(productNames: [String] = [], categories: [String] = [], locations: [String] = []) {
        productWords = Set(productNames.flatMap(TextNormalizer.tokens))
        self.categories = categories.filter { !$0.isEmpty }.map { (TextNormalizer.tokens($0), $0) }
        self.locations =
            locations.count > 1
            ? locations.filter { !$0.isEmpty }.map { (TextNormalizer.tokens($0), $0) }.sorted {
                $0.words.count > $1.words.count
            }
            : []
    }

    /// Example phrases per intent, offered when a message matches nothing.
    static let examples: [(phrase: String, words: Set<String>)] = [
        ("stock low?", ["stock", "low", "running", "reorder", "need", "order", "inventory", "empty"]),
        ("sales today", ["sales", "today", "revenue", "takings", "sold", "money", "made", "did", "how"]),
        ("sales yesterday", ["yesterday", "sales", "last", "night", "revenue"]),
        ("top 5 products this week", ["top", "best", "products", "selling", "popular", "sellers", "worst"]),
        ("what's out of stock", ["out", "none", "zero", "sold", "empty", "gone"]),
        ("stock oat milk", ["many", "left", "have", "got", "milk", "count", "stock"]),
        ("busiest hours this month", ["busy", "busiest", "hours", "when", "time", "rush", "peak"]),
        ("are weekends better", ["weekend", "weekends", "saturday", "sunday", "weekday", "days"]),
        ("sales by category", ["category", "categories", "department", "breakdown"]),
    ]

    public func parse(_ text: String) -> Intent {
        let typed = TextNormalizer.tokens(text)
        guard !typed.isEmpty else {
            let blank = text.allSatisfy { $0.isWhitespace }
            return blank ? .help(topic: nil) : .unknown(suggestions: suggestions(for: []))
        }
        if let command = AlertCommandParser().parse(text) { return .alert(command) }
        if let command = TeamCommandParser().parse(text) { return .team(command) }
        if let (location, rest) = location(in: typed) {
            let intent = IntentParser(productWords: productWords, categories: categories).parse(
                rest.joined(separator: " "))
            if case .sales(let period) = intent { return .locationSales(period, location: location) }
            if case .locations = intent { return intent }
            return .locationNotSupported(location: location)
        }
        let words = typed.map(corrected)
        let set = Set(words)

        if !set.isDisjoint(with: Vocabulary.settings) || (words.first == "set" && words.count > 1) {
            return .settings(settingsChange(text: text, words: words))
        }
        if words.first.map(Vocabulary.help.contains) == true || set.contains("help")
            || containsPhrase(words, ["what", "can", "you", "do"])
        {
            let topic = words.dropFirst().first { !Vocabulary.filler.contains($0) && !Vocabulary.help.contains($0) }
            return .help(topic: topic)
        }

        // "day of the week" names no week.
        var periodWords = words
        for index in periodWords.indices.dropFirst(2)
        where periodWords[index] == "week"
            && periodWords[index - 1] == "the" && periodWords[index - 2] == "of"
        {
            periodWords[index] = "_"
        }
        let (period, rest) = PeriodParser().parse(periodWords)
        let restWords = rest.map { words[$0] }
        let restSet = Set(restWords)
        let category = category(in: restWords)
        let isStock = !set.isDisjoint(with: Vocabulary.stock) || containsPhrase(words, ["how", "many"])
        let isLow = !set.isDisjoint(with: Vocabulary.low)
        let isSales =
            !set.isDisjoint(with: Vocabulary.sales.subtracting(["did"]))
            || containsPhrase(words, ["how", "did", "we", "do"]) || containsPhrase(words, ["how", "much"])
        let isOut =
            containsPhrase(words, ["out", "of", "stock"]) || containsPhrase(words, ["sold", "out"])
            || set.contains("outofstock") || set.contains("oos")
            || (set.contains("out") && (set.contains("whats") || set.contains("what")) && words.count <= 3)
        let isStockOuts =
            !set.isDisjoint(with: Vocabulary.stockOuts)
            || ((set.contains("ran") || set.contains("run")) && set.contains("out") && period != nil)
        let isHours =
            !restSet.isDisjoint(with: Vocabulary.hours)
            && (set.contains("busiest") || set.contains("busy") || set.contains("peak") || set.contains("rush")
                || restSet.contains("hours") || restSet.contains("hour") || restSet.contains("hourly"))
        let isWeekdays =
            !set.isDisjoint(with: Vocabulary.weekdays) || containsPhrase(words, ["day", "of", "the", "week"])
            || ((set.contains("best") || set.contains("busiest"))
                && (restSet.contains("day") || restSet.contains("days")))
        let isTop = !restSet.isDisjoint(with: Vocabulary.top)
        let isTrend = !restSet.isDisjoint(with: Vocabulary.trend)
        let isCategories = !restSet.isDisjoint(with: Vocabulary.categories)

        let skip = Vocabulary.filler.union(Vocabulary.stock).union(Vocabulary.low).union(Vocabulary.sales)
            .union(Vocabulary.top).union(Vocabulary.trend).union(Vocabulary.margin).union(Vocabulary.units)
            .union(Vocabulary.categories).union(["out", "of", "sellers", "selling", "sold", "ran", "run"])
        // Product names keep the user's spelling: the typed word, not its correction.
        let productQuery = rest.filter { index in
            let word = words[index]
            // Numbers are counts ("top 5"), unless a product is named with them ("Free Range Eggs 6").
            return !skip.contains(word) && (PeriodParser.number(word) == nil || productWords.contains(word))
                && !(category?.words.contains(word) ?? false)
        }.map { typed[$0] }

        if isStockOuts { return .stockOuts(period ?? .lastDays(30)) }
        if isOut && period == nil && productQuery.isEmpty { return .outOfStock }
        if isHours { return .busiestHours(period ?? .lastDays(28)) }
        if isWeekdays { return .weekdays(period ?? .lastDays(28)) }
        if isTop {
            let count =
                restWords.compactMap { $0 == "a" ? nil : PeriodParser.number($0) }.first { $0 > 0 && $0 <= 50 } ?? 5
            let metric: TopProducts.Metric =
                !set.isDisjoint(with: Vocabulary.margin)
                ? .margin
                : (!set.isDisjoint(with: Vocabulary.units) || set.contains("sold")) && !set.contains("sellers")
                    ? .units : .revenue
            return .topProducts(
                TopProducts(
                    period: period ?? .thisWeek, metric: metric, count: count,
                    bottom: !set.isDisjoint(with: Vocabulary.bottom), category: category?.name))
        }
        if !restSet.isDisjoint(with: ["location", "locations", "store", "stores", "branch", "branches", "shops"])
            && productQuery.allSatisfy({ !looksLikeProduct($0) })
        {
            return .locations(period ?? .thisWeek)
        }
        if isCategories && productQuery.isEmpty { return .categories(period ?? .thisWeek) }
        if isTrend && !productQuery.isEmpty {
            return .productTrend(query: productQuery.joined(separator: " "), period: period ?? .lastDays(30))
        }
        if isStock || isLow || isOut {
            // "anything out of stock?" names no product; "is oat milk low?" does.
            if !productQuery.isEmpty && (!isLow || productQuery.contains(where: looksLikeProduct)) {
                return .productStock(query: productQuery.joined(separator: " "))
            }
            if let category, productQuery.isEmpty { return .categoryStock(category: category.name) }
            if isOut && !isLow { return .outOfStock }
            if isLow || isStock && !isSales { return .lowStock }
        }
        if isSales || period != nil {
            return .sales(period ?? .today)
        }
        if !productQuery.isEmpty && productQuery.allSatisfy(looksLikeProduct) {
            return .productStock(query: productQuery.joined(separator: " "))
        }
        if let category, productQuery.isEmpty { return .categoryStock(category: category.name) }
        return .unknown(suggestions: suggestions(for: set))
    }

    private init(productWords: Set<String>, categories: [(words: [String], name: String)]) {
        self.productWords = productWords
        self.categories = categories
        self.locations = []
    }

    /// "… at <location> …": the location named right after "at", and the words without them.
    private func location(in words: [String]) -> (String, [String])? {
        for index in words.indices where words[index] == "at" {
            for location in locations where !location.words.isEmpty {
                let end = index + 1 + location.words.count
                guard end <= words.count, Array(words[(index + 1)..<end]) == location.words else { continue }
                return (location.name, Array(words[..<index] + words[end...]))
            }
        }
        return nil
    }

    /// The category whose words all appear in `words` (a trailing "s" forgiven), longest name first.
    private func category(in words: [String]) -> (words: [String], name: String)? {
        let present = Set(words.flatMap { [$0, $0.hasSuffix("s") ? String($0.dropLast()) : $0 + "s"] })
        return categories.filter { !$0.words.isEmpty && $0.words.allSatisfy(present.contains) }
            .max { $0.words.count < $1.words.count }
    }

    private func looksLikeProduct(_ word: String) -> Bool {
        productWords.contains(word) || productWords.contains { ProductMatcher.fits(word, $0) }
    }

    /// The word as typed, or the vocabulary word it is one typo away from.
    private func corrected(_ word: String) -> String {
        guard word.count >= 4, !productWords.contains(word), !Vocabulary.filler.contains(word),
            !Vocabulary.correctable.contains(word), Int(word) == nil
        else { return word }
        let letters = Array(word)
        return Vocabulary.correctable.first { isWithinOneEdit(Array($0), letters) } ?? word
    }

    private func containsPhrase(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }

    private func settingsChange(text: String, words: [String]) -> SettingsChange? {
        // Values come from the original text: time zone names are case-sensitive ("Europe/London").
        let original = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard let keyIndex = words.firstIndex(where: { !Vocabulary.settings.contains($0) && $0 != "set" }) else {
            return nil
        }
        let key = words[keyIndex]
        let valueWords = original.drop { word in
            let token = TextNormalizer.tokens(word).first ?? ""
            return token != key
        }.dropFirst().filter { $0 != "to" && $0 != "=" }
        let value = valueWords.joined(separator: " ").trimming(["\"", "'", " "])
        switch key {
        case "name", "shop", "shopname": return .name(value)
        case "timezone", "tz", "zone", "time": return .timeZone(value)
        case "currency": return .currency(value)
        case "week", "weekstart", "week_start": return .weekStart(value)
        default: return .unknown(key)
        }
    }

    private func suggestions(for words: Set<String>) -> [String] {
        let scored = Self.examples.enumerated().map { index, example in
            (index: index, phrase: example.phrase, score: example.words.intersection(words).count)
        }
        let best = scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }
        return Array(best.prefix(2).map(\.phrase))
    }
}
