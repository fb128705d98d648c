/// Reads a message and decides what it asks for. Deterministic and local: no network, no model.
///
/// Steps: normalise into tokens; correct one typo in words of four letters or more (never in product
/// words); take out the period; then try the clauses of `IntentRules` in priority order.
public struct IntentParser: Sendable {
    /// Words of the shop's product names: they are left as typed, so "salt" never becomes "sale".
    let productWords: Set<String>
    /// The same words as characters with their singulars, made once (when a word is first compared with them).
    let productWordForms: LazyIndex<[ProductMatcher.WordForm]>
    /// The shop's categories, as the words they are written with, and as named.
    let categories: [(words: [String], name: String)]
    /// The shop's locations, likewise; "at <location>" narrows sales to one when there are several.
    let locations: [(words: [String], name: String)]

    /// The shop's SKUs, lower-cased: a bare SKU asks for that product's stock.
    let skus: Set<String>
    /// The words of every location's name, one or several: "sales today at market" names no product.
    let locationWords: Set<String>

    public init(productNames: [String] = [], categories: [String] = [], locations: [String] = [], skus: [String] = []) {
        // Each name's words, and each two neighbours typed as one ("oatmilk").
        productWords = Set(
            productNames.flatMap { name -> [String] in
                let tokens = TextNormalizer.tokens(name)
                return tokens + zip(tokens, tokens.dropFirst()).map { $0 + $1 }
            })
        productWordForms = LazyIndex { [productWords] in productWords.sorted().map(ProductMatcher.WordForm.init) }
        self.skus = Set(skus.map { $0.lowercased() }.filter { !$0.isEmpty })
        locationWords = Set(locations.flatMap(TextNormalizer.tokens)).subtracting(Vocabulary.filler)
        self.categories = categories.filter { !$0.isEmpty }.map { (TextNormalizer.tokens($0), $0) }
        self.locations =
            locations.count > 1
            ? locations.filter { !$0.isEmpty }.map { (TextNormalizer.tokens($0), $0) }.sorted {
                $0.words.count > $1.words.count
            }
            : []
    }

    /// Picks the intent: the first clause of `IntentRules` (by priority) that matches the message's features.
    public func parse(_ text: String) -> Intent {
        let typed = TextNormalizer.tokens(text)
        guard !typed.isEmpty else {
            let blank = text.allSatisfy { $0.isWhitespace }
            return blank ? .help(topic: nil) : .unknown(suggestions: suggestions(for: []))
        }
        let features = MessageFeatures(text: text, typed: typed, parser: self)
        for clause in IntentRules.clauses {
            // "how do i make a flat white", "what year is it": only commands, help and "not yet", no figures.
            if features.asksNoFigure && clause.priority >= IntentRules.firstFigurePriority { break }
            if let intent = clause.match(features) { return intent }
        }
        return .unknown(suggestions: suggestions(for: features.set))
    }

    /// The same parser without the shop's locations, for the rest of a message once "at <location>" is taken out.
    /// The word forms are shared, not made again: a shop's 15,000 product words are sorted once.
    var withoutLocations: IntentParser {
        IntentParser(
            productWords: productWords, productWordForms: productWordForms, categories: categories, skus: skus)
    }

    private init(
        productWords: Set<String>, productWordForms: LazyIndex<[ProductMatcher.WordForm]>,
        categories: [(words: [String], name: String)], skus: Set<String>
    ) {
        self.productWords = productWords
        self.productWordForms = productWordForms
        self.categories = categories
        self.locations = []
        self.skus = skus
        self.locationWords = []
    }

    /// "… at <location> …": the location named right after "at", and the words without them.
    func location(in words: [String]) -> (String, [String])? {
        for index in words.indices where words[index] == "at" {
            for location in locations where !location.words.isEmpty {
                let end = index + 1 + location.words.count
                guard end <= words.count, Array(words[(index + 1)..<end]) == location.words else { continue }
                return (location.name, Array(words[..<index] + words[end...]))
            }
        }
        return nil
    }

    /// The category whose words all appear in `words` (a trailing "s" forgiven), longest name first; else the
    /// one category a word of the message names part of ("dairy" for "Dairy & Alternatives"), unless that word
    /// is also a product's. Returns the words of the message that named it.
    func category(in words: [String]) -> (words: [String], name: String)? {
        let present = Set(words.flatMap { [$0, $0.hasSuffix("s") ? String($0.dropLast()) : $0 + "s"] })
        if let whole = categories.filter({ !$0.words.isEmpty && $0.words.allSatisfy(present.contains) })
            .max(by: { $0.words.count < $1.words.count })
        {
            return whole
        }
        let candidates = categories.filter { category in
            category.words.contains { $0.count >= 4 && present.contains($0) && !productWords.contains($0) }
        }
        guard candidates.count == 1, let found = candidates.first else { return nil }
        return (found.words.filter { present.contains($0) }, found.name)
    }

    /// A word of a product's name, its SKU, or near one (`ProductMatcher.fits`); a common English word only
    /// when it is one ("rain" is not "pain", "soup" not "soap").
    func looksLikeProduct(_ word: String) -> Bool {
        if productWords.contains(word) || skus.contains(word) { return true }
        guard !CommonWords.all.contains(word), !Vocabulary.filler.contains(word) else { return false }
        let form = ProductMatcher.WordForm(word)
        return productWordForms.value.contains { ProductMatcher.fits(form, $0) }
    }

    /// The word as typed, or the vocabulary word it is one typo away from.
    func corrected(_ word: String) -> String {
        guard word.count >= 4, !productWords.contains(word), !Vocabulary.filler.contains(word),
            !Vocabulary.correctable.contains(word), !CommonWords.all.contains(word), Int(word) == nil
        else { return word }
        let letters = Array(word)
        return Vocabulary.correctable.first { isWithinOneEdit(Array($0), letters) } ?? word
    }

    /// "target 25%" → "25%".
    static func withoutTarget(_ value: String) -> String {
        value.split(separator: " ").filter { $0.lowercased() != "target" && $0.lowercased() != "at" }
            .joined(separator: " ")
    }

    func settingsChange(text: String, words: [String]) -> SettingsChange? {
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
        case "splh": return .splhTarget(Self.withoutTarget(value))
        case "labour", "labor": return .labourTarget(Self.withoutTarget(value))
        default: return .unknown(key)
        }
    }

    private func suggestions(for words: Set<String>) -> [String] {
        let scored = IntentRules.suggestions.enumerated().map { index, example in
            (index: index, phrase: example.phrase, score: example.words.intersection(words).count)
        }
        let best = scored.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) }
        return Array(best.prefix(2).map(\.phrase))
    }
}
