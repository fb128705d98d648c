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

    private struct Entry: Sendable {
        let product: Product
        let sku: String
        let tokens: [String]
        /// The tokens as characters, made once: a query is compared with every product.
        let characters: [[Character]]
    }

    private let entries: [Entry]

    public init(products: [Product]) {
        entries = products.map { product in
            let tokens = TextNormalizer.tokens(product.name)
            return Entry(
                product: product, sku: product.sku.lowercased(), tokens: tokens, characters: tokens.map(Array.init))
        }
    }

    public func match(_ query: String) -> Match {
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
        let wantedCharacters = wanted.map(Array.init)
        // Scores by index into `entries`: no copies of the entries while 5,000 are scored.
        var scored: [(index: Int, covered: Int, extras: Int)] = []
        scored.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            var used = Set<Int>()
            for (word, characters) in zip(wanted, wantedCharacters) {
                if let token = entry.tokens.indices.first(where: {
                    !used.contains($0) && Self.fits(word, characters, entry.tokens[$0], entry.characters[$0])
                }) {
                    used.insert(token)
                }
            }
            let extras = entry.tokens.indices.filter { !used.contains($0) && !Self.isSize(entry.tokens[$0]) }.count
            scored.append((index, used.count, extras))
        }
        func product(_ item: (index: Int, covered: Int, extras: Int)) -> Product { entries[item.index].product }
        let complete = scored.filter { $0.covered == wanted.count }
            .sorted {
                ($0.extras, product($0).name.count, product($0).name) < (
                    $1.extras, product($1).name.count, product($1).name
                )
            }
        if let best = complete.first {
            let tied = complete.filter { $0.extras == best.extras }
            if tied.count > 1 { return .ambiguous(tied.prefix(6).map(product)) }
            return .found(product(best), alternatives: complete.dropFirst().prefix(3).map(product))
        }
        let partial = scored.filter { $0.covered > 0 }
            .sorted { ($0.covered, -$0.extras) > ($1.covered, -$1.extras) }
        return .notFound(closest: partial.prefix(3).map(product))
    }

    /// `fits` with both words already split into characters.
    static func fits(_ word: String, _ wordCharacters: [Character], _ token: String, _ tokenCharacters: [Character])
        -> Bool
    {
        if word == token { return true }
        if wordCharacters.count >= 3 && token.hasPrefix(word) { return true }
        return wordCharacters.count >= 4 && isWithinOneEdit(wordCharacters, tokenCharacters)
    }

    static func fits(_ word: String, _ token: String) -> Bool {
        if word == token { return true }
        if word.count >= 3 && token.hasPrefix(word) { return true }
        return word.count >= 4 && isWithinOneEdit(Array(word), Array(token))
    }

    /// "1l", "500g", "6", "4pk": pack sizes people leave out when they ask.
    static func isSize(_ token: String) -> Bool { token.first?.isNumber ?? false }
}

extension String {
    func equalsIgnoringCase(_ other: String) -> Bool { lowercased() == other.lowercased() }
}
