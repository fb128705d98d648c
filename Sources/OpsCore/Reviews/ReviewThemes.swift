import Foundation

/// What a customer review is about and how it feels, found offline and deterministically: a lexicon of retail
/// themes (availability, waiting, staff, price, quality, cleanliness), the shop's product and staff names, and
/// a small sentiment lexicon with negation ("not rude at all" is kind). Each clause ("…, but …") is read on its
/// own, so "great coffee but a long queue" is good quality and a bad wait.
public struct ReviewThemeFinder: Sendable {
    public enum Theme: String, Sendable, CaseIterable, Comparable {
        case stock, wait, staff, price, quality, cleanliness

        public static func < (a: Theme, b: Theme) -> Bool { a.rawValue < b.rawValue }

        /// "stock", "the queue", as a reply names it.
        public var title: String {
            switch self {
            case .stock: return "availability"
            case .wait: return "waiting"
            case .staff: return "staff"
            case .price: return "prices"
            case .quality: return "quality"
            case .cleanliness: return "cleanliness"
            }
        }
    }

    public enum Sentiment: String, Sendable, Equatable {
        case positive, negative, neutral
    }

    public struct Finding: Sendable, Equatable, Hashable {
        public let theme: Theme
        public let sentiment: Sentiment
        /// The product or staff member named with it, if any.
        public let subject: String?
    }

    let products: [[String]]
    let productNames: [String]
    let staff: Set<String>

    public init(productNames: [String] = [], staffNames: [String] = []) {
        self.productNames = productNames
        self.products = productNames.map { Self.words($0).filter { $0.count > 3 && !Self.notNames.contains($0) } }
        self.staff = Set(staffNames.flatMap { Self.words($0) }.filter { $0.count > 2 })
    }

    /// Words of product names that say nothing of which product it is ("Soup of the Day", "Large").
    static let notNames: Set<String> = [
        "with", "from", "small", "large", "regular", "medium", "extra", "day", "pack", "bottle", "each", "fresh",
        "homemade", "house", "classic", "special", "original",
    ]

    /// The singular a review writes in the plural ("croissants", "sandwiches").
    static func singular(_ word: String) -> String {
        if word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        if word.hasSuffix("ies") && word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s") && !word.hasSuffix("ss") && word.count > 3 { return String(word.dropLast()) }
        return word
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().replacingOccurrences(of: "’", with: "'")
            .split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { $0.replacingOccurrences(of: "'", with: "") }
    }

    /// Words that name a theme whatever is said of it.
    static let themeWords: [Theme: Set<String>] = [
        .stock: ["stock", "stocked", "available", "availability", "shelves", "shelf", "restock", "range"],
        .wait: ["queue", "queues", "queued", "queuing", "queueing", "wait", "waited", "waiting", "line", "service"],
        .staff: [
            "staff", "barista", "baristas", "server", "servers", "waiter", "waitress", "cashier", "team", "employee",
            "employees", "manager", "owner", "girl", "guy", "lady", "man", "woman", "people",
        ],
        .price: ["price", "prices", "priced", "cost", "costs", "value", "money", "£", "pounds", "bill"],
        .quality: [
            "coffee", "food", "taste", "tasted", "tastes", "flavour", "flavor", "quality", "latte", "cake", "cakes",
            "pastry", "pastries", "bread", "sandwich", "sandwiches", "tea", "drink", "drinks", "milk",
        ],
        .cleanliness: [
            "clean", "cleaner", "dirty", "tables", "table", "toilet", "toilets", "floor", "floors", "hygiene",
        ],
    ]

    /// Words that carry a theme and a feeling at once ("rude" is staff, and bad).
    static let loaded: [String: (Theme, Sentiment)] = [
        "sold": (.stock, .negative), "soldout": (.stock, .negative), "ran": (.stock, .negative),
        "run": (.stock, .negative), "running": (.stock, .negative), "minutes": (.wait, .negative),
        "mins": (.wait, .negative), "friendliest": (.staff, .positive), "nicest": (.staff, .positive),
        "empty": (.stock, .negative), "unavailable": (.stock, .negative), "missing": (.stock, .negative),
        "slow": (.wait, .negative), "ages": (.wait, .negative), "forever": (.wait, .negative),
        "quick": (.wait, .positive), "quickly": (.wait, .positive), "fast": (.wait, .positive),
        "prompt": (.wait, .positive), "rude": (.staff, .negative), "unfriendly": (.staff, .negative),
        "friendly": (.staff, .positive), "helpful": (.staff, .positive), "unhelpful": (.staff, .negative),
        "welcoming": (.staff, .positive), "polite": (.staff, .positive), "impolite": (.staff, .negative),
        "smiley": (.staff, .positive), "smiling": (.staff, .positive), "attentive": (.staff, .positive),
        "dismissive": (.staff, .negative), "grumpy": (.staff, .negative), "kind": (.staff, .positive),
        "expensive": (.price, .negative), "overpriced": (.price, .negative), "pricey": (.price, .negative),
        "cheap": (.price, .positive), "affordable": (.price, .positive), "reasonable": (.price, .positive),
        "ripoff": (.price, .negative), "bargain": (.price, .positive),
        "delicious": (.quality, .positive), "tasty": (.quality, .positive), "stale": (.quality, .negative),
        "burnt": (.quality, .negative), "bland": (.quality, .negative), "fresh": (.quality, .positive),
        "soggy": (.quality, .negative), "lukewarm": (.quality, .negative), "yummy": (.quality, .positive),
        "watery": (.quality, .negative), "flavourless": (.quality, .negative),
        "spotless": (.cleanliness, .positive), "filthy": (.cleanliness, .negative), "sticky": (.cleanliness, .negative),
        "messy": (.cleanliness, .negative), "grubby": (.cleanliness, .negative), "tidy": (.cleanliness, .positive),
        "untidy": (.cleanliness, .negative), "dirty": (.cleanliness, .negative), "clean": (.cleanliness, .positive),
        "crumbs": (.cleanliness, .negative), "smelly": (.cleanliness, .negative),
    ]

    static let positive: Set<String> = [
        "good", "great", "excellent", "amazing", "lovely", "love", "loved", "nice", "best", "perfect", "fantastic",
        "wonderful", "brilliant", "superb", "awesome", "happy", "pleasant", "decent", "fine", "well", "worth",
        "recommend", "beautiful", "outstanding", "gorgeous", "enjoyed", "efficient", "short", "plenty",
    ]
    static let negative: Set<String> = [
        "bad", "terrible", "awful", "horrible", "poor", "worst", "disappointing", "disappointed", "rubbish", "long",
        "cold", "hate", "hated", "mediocre", "meh", "wrong", "never", "nothing", "shame", "sadly", "unfortunately",
        "annoying", "gross", "disgusting", "inedible", "overwhelmed",
    ]
    static let negations: Set<String> = [
        "not", "no", "never", "isnt", "wasnt", "arent", "werent", "dont", "didnt", "doesnt", "hardly", "barely",
        "cant", "couldnt", "wont", "without", "nor",
    ]
    static let clauseBreaks: Set<String> = ["but", "though", "although", "however", "yet", "whereas", "except"]

    /// The themes of `text`, each with its feeling; a theme named twice keeps the clause that felt most.
    public func findings(_ text: String) -> [Finding] {
        var found: [Theme: (Sentiment, String?)] = [:]
        for clause in clauses(text) {
            for finding in read(clause) {
                if let earlier = found[finding.theme], earlier.0 != .neutral, finding.sentiment == .neutral { continue }
                found[finding.theme] = (finding.sentiment, finding.subject ?? found[finding.theme]?.1)
            }
        }
        return found.keys.sorted().map { Finding(theme: $0, sentiment: found[$0]!.0, subject: found[$0]!.1) }
    }

    func clauses(_ text: String) -> [[String]] {
        var result: [[String]] = []
        for sentence in text.lowercased().split(whereSeparator: { ".!?;".contains($0) }) {
            var current: [String] = []
            for word in Self.words(String(sentence)) {
                if Self.clauseBreaks.contains(word) {
                    if !current.isEmpty { result.append(current) }
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { result.append(current) }
        }
        return result
    }

    func read(_ words: [String]) -> [Finding] {
        var themes: Set<Theme> = []
        var subject: String?
        var score = 0
        var loadedThemes: [Theme: Int] = [:]
        var negatedUntil = -1
        // Whether a word of quality ("coffee", "food") was used, not only a product's name.
        var qualityWord = false
        for (index, word) in words.enumerated() {
            if Self.negations.contains(word) {
                // "not rude at all", "never had to wait": the next few words turn.
                negatedUntil = index + 4
                continue
            }
            let sign = index <= negatedUntil ? -1 : 1
            // "sold out", "ran out", "out of": the shelf was empty.
            if word == "out", index > 0, ["sold", "ran", "run", "running"].contains(words[index - 1]) { continue }
            if word == "out", index + 1 < words.count, words[index + 1] == "of" {
                loadedThemes[.stock, default: 0] -= sign
                themes.insert(.stock)
                continue
            }
            // "barely any croissants", "hardly any left".
            if word == "any", index > 0, ["barely", "hardly"].contains(words[index - 1]) {
                loadedThemes[.stock, default: 0] -= 1
                themes.insert(.stock)
                continue
            }
            // "the queue was out the door".
            if word == "door", index > 1, words[index - 2] == "out" {
                loadedThemes[.wait, default: 0] -= 1
                themes.insert(.wait)
                continue
            }
            if word == "left",
                words[max(0, index - 3)..<index].contains(where: { ["none", "nothing", "no"].contains($0) })
            {
                loadedThemes[.stock, default: 0] -= 1
                themes.insert(.stock)
                continue
            }
            if let (theme, feeling) = Self.loaded[word] {
                if ["ran", "sold", "run", "running"].contains(word),
                    !(index + 1 < words.count && words[index + 1] == "out")
                {
                    continue
                }
                themes.insert(theme)
                loadedThemes[theme, default: 0] += (feeling == .positive ? 1 : -1) * sign
                continue
            }
            for (theme, names) in Self.themeWords where names.contains(word) {
                themes.insert(theme)
                if theme == .quality { qualityWord = true }
                // "didn't have to wait", "no queue": the waiting was good.
                if theme == .wait && sign < 0 { loadedThemes[.wait, default: 0] += 1 }
            }
            if staff.contains(word) {
                themes.insert(.staff)
                subject = subject ?? word.capitalized
            }
            let form = Self.singular(word)
            if word.count > 3,
                let product = products.indices.filter({ products[$0].contains(form) || products[$0].contains(word) })
                    .max(by: { products[$0].count > products[$1].count })
            {
                themes.insert(.quality)
                subject = subject ?? productNames[product]
            }
            if Self.positive.contains(word) { score += sign }
            if Self.negative.contains(word) && word != "never" { score -= sign }
        }
        // A product only named ("took ages to get a flat white", "no sourdough left") is not a word on its quality
        // when the clause says something else.
        if themes.contains(.quality), (loadedThemes[.quality] ?? 0) == 0, !qualityWord || score == 0, themes.count > 1,
            themes.contains(where: { $0 != .quality && (loadedThemes[$0] ?? 0) != 0 })
        {
            themes.remove(.quality)
        }
        return themes.map { theme in
            let value = (loadedThemes[theme] ?? 0) != 0 ? (loadedThemes[theme] ?? 0) : score
            let sentiment: Sentiment = value > 0 ? .positive : value < 0 ? .negative : .neutral
            return Finding(
                theme: theme, sentiment: sentiment,
                subject: theme == .staff || theme == .quality || theme == .stock ? subject : nil)
        }
    }
}
