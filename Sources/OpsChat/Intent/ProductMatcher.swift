import OpsCore

/// Finds the product a person means: by SKU, by exact name, then by the words of its name (one typo
/// allowed per word, prefixes of three letters or more). Sizes like "1L" or "500g" do not count against a name.
public struct ProductMatcher: Sendable {
    public enum Match: Sendable, Equatable {
        /// One product fits best; `alternatives` also contain every word asked for.
        case found(Product, alternatives: [Product])
        /// Several products fit equally well.
        case ambiguous([Product])
        /// Nothing fits; `closest` shares some words with the query.
        case notFound(closest: [Product])
    }

    /// A word as text, as characters and as its singular: made once, compared many times.
    public struct WordForm: Sendable {
        let text: String
        let characters: [Character]
        let singular: String?
        let singularCharacters: [Character]?

        init(_ text: String) {
            self.text = text
            characters = Array(text)
            singular = ProductMatcher.singular(text)
            singularCharacters = singular.map(Array.init)
        }
    }

    private struct Entry: Sendable {
        let product: Product
        let sku: String
        let tokens: [String]
        /// The tokens' forms, made once: a query is compared with every product.
        let forms: [WordForm]
    }

    /// Made at the first match, not when the catalog is read.
    private let index: LazyIndex<[Entry]>
    private var entries: [Entry] { index.value }

    public init(products: [Product]) {
        index = LazyIndex {
            products.map { product in
                let tokens = TextNormalizer.tokens(product.name)
                return Entry(
                    product: product, sku: product.sku.lowercased(), tokens: tokens, forms: tokens.map(WordForm.init))
            }
        }
    }

    public func match(_ query: String) -> Match {
        let entries = self.entries
        let trimmed = query.trimming([" "])
        let lowered = trimmed.lowercased()
        if let bySKU = entries.first(where: { $0.sku == lowered }) {
            return .found(bySKU.product, alternatives: [])
        }
        let wanted = TextNormalizer.tokens(trimmed)
        guard !wanted.isEmpty else { return .notFound(closest: []) }
        if let exact = entries.first(where: { $0.tokens == wanted }) {
            return .found(exact.product, alternatives: [])
        }
        let wantedForms = wanted.map(WordForm.init)
        // Scores by index into `entries`: no copies of the entries while 5,000 are scored.
        // `covered`: words of the query found in the name; `inexact`: of those, found by a typo or a prefix (an
        // exact word beats a near one: "soup" is "Soup of the Day" before "Hand Soap").
        var scored: [(index: Int, covered: Int, inexact: Int, extras: Int)] = []
        scored.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var used = Set<Int>()
            var covered = 0
            var inexact = 0
            for form in wantedForms {
                let word = form.text
                if let token = entry.tokens.indices.first(where: {
                    !used.contains($0) && Self.sameWord(form, entry.forms[$0])
                })
                    ?? entry.tokens.indices.first(where: { !used.contains($0) && Self.fits(form, entry.forms[$0]) })
                {
                    used.insert(token)
                    covered += 1
                    if !Self.sameWord(form, entry.forms[token]) { inexact += 1 }
                } else if let pair = entry.tokens.indices.dropLast().first(where: {
                    !used.contains($0) && !used.contains($0 + 1) && entry.tokens[$0] + entry.tokens[$0 + 1] == word
                }) {
                    // "oatmilk": two words of the name typed as one.
                    used.formUnion([pair, pair + 1])
                    covered += 1
                }
            }
            let extras = entry.tokens.indices.filter { !used.contains($0) && !Self.isSize(entry.tokens[$0]) }.count
            scored.append((index, covered, inexact, extras))
        }
        func product(_ item: (index: Int, covered: Int, inexact: Int, extras: Int)) -> Product {
            entries[item.index].product
        }
        let complete = scored.filter { $0.covered == wanted.count }
            .sorted {
                ($0.inexact, $0.extras, product($0).name.count, product($0).name) < (
                    $1.inexact, $1.extras, product($1).name.count, product($1).name
                )
            }
        if let best = complete.first {
            let tied = complete.filter { $0.extras == best.extras && $0.inexact == best.inexact }
            if tied.count > 1 { return .ambiguous(tied.prefix(6).map(product)) }
            return .found(product(best), alternatives: complete.dropFirst().prefix(3).map(product))
        }
        let partial = scored.filter { $0.covered > 0 }
            .sorted { ($0.covered, -$0.extras) > ($1.covered, -$1.extras) }
        return .notFound(closest: partial.prefix(3).map(product))
    }

    /// `fits` with both words already split into characters: the same word, a prefix of three letters or more,
    /// one typo (four letters or more), a plural of it ("loaves", "berries"), or two typos in a long word
    /// ("cappucinos", "crossaints").
    static func fits(_ word: WordForm, _ token: WordForm) -> Bool {
        if word.text == token.text { return true }
        let wordCharacters = word.characters
        let tokenCharacters = token.characters
        if wordCharacters.count >= 3 && token.text.hasPrefix(word.text) { return true }
        guard wordCharacters.count >= 4, abs(wordCharacters.count - tokenCharacters.count) <= 3 else { return false }
        if isWithinOneEdit(wordCharacters, tokenCharacters) { return true }
        let singular = word.singularCharacters
        if let singular, singular == tokenCharacters || isWithinOneEdit(singular, tokenCharacters) { return true }
        // Two typos only in a long word, with its first letter right ("parking" is not "sparkling").
        guard wordCharacters.count >= 7, tokenCharacters.count >= 6, wordCharacters.first == tokenCharacters.first
        else { return false }
        return isWithinEdits(2, wordCharacters, tokenCharacters)
            || singular.map { isWithinEdits(2, $0, tokenCharacters) } ?? false
    }

    static func fits(_ word: String, _ token: String) -> Bool { fits(WordForm(word), WordForm(token)) }

    /// The same word, or its plural: "croissants" is "Croissant" exactly, before "Frozen Croissants" with an extra.
    static func sameWord(_ word: WordForm, _ token: WordForm) -> Bool {
        word.text == token.text || word.singular == token.text || token.singular == word.text
    }

    /// "loaves" → "loaf", "berries" → "berry", "sandwiches" → "sandwich"; nil when it does not look plural.
    static func singular(_ word: String) -> String? {
        if word.hasSuffix("ves"), word.count > 4 { return String(word.dropLast(3)) + "f" }
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("oes") { return String(word.dropLast(2)) }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 4 { return String(word.dropLast()) }
        return nil
    }

    /// "1l", "500g", "6", "4pk": pack sizes people leave out when they ask.
    static func isSize(_ token: String) -> Bool { token.first?.isNumber ?? false }
}

extension String {
    func equalsIgnoringCase(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
