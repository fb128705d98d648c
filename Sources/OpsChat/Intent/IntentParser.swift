/// Reads a message and decides what it asks for. Deterministic and local: no network, no model.
///
/// Steps: normalise into tokens; correct one typo in words of four letters or more (never in product
/// words); take out the period; then pick the intent from the groups of words present.
public struct IntentParser: Sendable {
    /// Words of the shop's product names: they are left as typed, so "salt" never becomes "sale".
    let productWords: Set<String>

    public init(productNames: [String] = []) {
        productWords = Set(productNames.flatMap(TextNormalizer.tokens))
    }

    /// Example phrases per intent, offered when a message matches nothing.
    static let examples: [(phrase: String, words: Set<String>)] = [
        ("stock low?", ["stock", "low", "running", "out", "reorder", "need", "order", "inventory", "empty"]),
        ("sales today", ["sales", "today", "revenue", "takings", "sold", "money", "made", "did", "how"]),
        ("sales yesterday", ["yesterday", "sales", "last", "night", "revenue"]),
        ("stock oat milk", ["many", "left", "have", "got", "milk", "count", "stock"]),
        ("sales this week", ["week", "this", "weekly", "sales"]),
        ("help", ["help", "what", "can", "you", "do", "commands", "how", "use"]),
    ]

    public func parse(_ text: String) -> Intent {
        let typed = TextNormalizer.tokens(text)
        guard !typed.isEmpty else {
            let blank = text.allSatisfy { $0.isWhitespace }
            return blank ? .help(topic: nil) : .unknown(suggestions: suggestions(for: []))
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

        let (period, rest) = extractPeriod(words)
        let isStock = !set.isDisjoint(with: Vocabulary.stock) || containsPhrase(words, ["how", "many"])
        let isLow = !set.isDisjoint(with: Vocabulary.low)
        let isSales = !set.isDisjoint(with: Vocabulary.sales.subtracting(["did"]))
            || containsPhrase(words, ["how", "did", "we", "do"]) || containsPhrase(words, ["how", "much"])
        // Product names keep the user's spelling: the typed word, not its correction.
        let productQuery = rest.filter { index in
            let word = words[index]
            return !Vocabulary.filler.contains(word) && !Vocabulary.stock.contains(word)
                && !Vocabulary.low.contains(word) && !Vocabulary.sales.contains(word)
        }.map { typed[$0] }

        if isStock || isLow {
            // "anything out of stock?" names no product; "is oat milk low?" does.
            if !productQuery.isEmpty && (!isLow || productQuery.contains(where: looksLikeProduct)) {
                return .productStock(query: productQuery.joined(separator: " "))
            }
            if isLow || isStock && !isSales { return .lowStock }
        }
        if isSales || period != nil {
            return .sales(period ?? .today)
        }
        if !productQuery.isEmpty && productQuery.allSatisfy(productWords.contains) {
            return .productStock(query: productQuery.joined(separator: " "))
        }
        return .unknown(suggestions: suggestions(for: set))
    }

    private func looksLikeProduct(_ word: String) -> Bool {
        productWords.contains(word) || productWords.contains { ProductMatcher.fits(word, $0) }
    }

    /// The word as typed, or the vocabulary word it is one typo away from.
    private func corrected(_ word: String) -> String {
        guard word.count >= 4, !productWords.contains(word), !Vocabulary.filler.contains(word),
            !Vocabulary.correctable.contains(word)
        else { return word }
        let letters = Array(word)
        return Vocabulary.correctable.first { isWithinOneEdit(Array($0), letters) } ?? word
    }

    /// The period named in `words`, and the indices of the words left once it is taken out.
    private func extractPeriod(_ words: [String]) -> (Period?, [Int]) {
        var rest: [Int] = []
        var period: Period?
        for (index, word) in words.enumerated() {
            if let named = Vocabulary.periods[word] {
                period = named
            } else if Vocabulary.week.contains(word) {
                let previous = rest.last.map { words[$0] }
                if let previous, Vocabulary.lastWords.contains(previous) {
                    rest.removeLast()
                    period = .lastWeek
                } else {
                    if let previous, Vocabulary.thisWords.contains(previous) { rest.removeLast() }
                    period = .thisWeek
                }
            } else if word == "weekly" {
                period = .thisWeek
            } else {
                rest.append(index)
            }
        }
        return (period, rest)
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
