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
        let tokens: [String]
    }

    private let entries: [Entry]

    public init(products: [Product]) {
        entries = products.map { Entry(product: $0, tokens: TextNormalizer.tokens($0.name)) }
    }

    public func match(_ query: String) -> Match {
        let trimmed = query.trimming([" "])
        if let bySKU = entries.first(where: { $0.product.sku.equalsIgnoringCase(trimmed) }) {
            return .found(bySKU.product, alternatives: [])
        }
        let wanted = TextNormalizer.tokens(trimmed)
        guard !wanted.isEmpty else { return .notFound(closest: []) }
        if let exact = entries.first(where: { $0.tokens == wanted }) {
            return .found(exact.product, alternatives: [])
        }
        let scored = entries.map { entry -> (entry: Entry, covered: Int, extras: Int) in
            var used = Set<Int>()
            for word in wanted {
                if let index = entry.tokens.indices.first(where: { !used.contains($0) && Self.fits(word, entry.tokens[$0]) }) {
                    used.insert(index)
                }
            }
            let extras = entry.tokens.indices.filter { !used.contains($0) && !Self.isSize(entry.tokens[$0]) }.count
            return (entry, used.count, extras)
        }
        let complete = scored.filter { $0.covered == wanted.count }
            .sorted { ($0.extras, $0.entry.product.name.count, $0.entry.product.name) < ($1.extras, $1.entry.product.name.count, $1.entry.product.name) }
        if let best = complete.first {
            let tied = complete.filter { $0.extras == best.extras }
            if tied.count > 1 { return .ambiguous(tied.prefix(6).map(\.entry.product)) }
            return .found(best.entry.product, alternatives: complete.dropFirst().prefix(3).map(\.entry.product))
        }
        let partial = scored.filter { $0.covered > 0 }
            .sorted { ($0.covered, -$0.extras) > ($1.covered, -$1.extras) }
        return .notFound(closest: partial.prefix(3).map(\.entry.product))
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
