/// What the intent rules look at in a message, read once: its words (typos corrected, product words as
/// typed), the period it names and the words left after it, the product and category it names, and which
/// groups of the vocabulary it uses.
struct MessageFeatures {
    let text: String
    /// The words as typed, normalised.
    let typed: [String]
    /// The same words with one typo corrected where a vocabulary word is meant.
    let words: [String]
    let set: Set<String>
    let period: Period?
    /// The words the period did not use, and as a set.
    let restWords: [String]
    let restSet: Set<String>
    let category: (words: [String], name: String)?
    /// The words that may name a product, as typed.
    let productQuery: [String]

    let isStock: Bool
    let isLow: Bool
    let isSales: Bool
    let isOut: Bool
    let isStockOuts: Bool
    let isHours: Bool
    let isWeekdays: Bool
    let isTop: Bool
    let isTrend: Bool
    let isCategories: Bool
    /// The figure of sales the message names ("orders", "average basket"), if any.
    let figure: SalesFigure?
    /// "by revenue", "by units", "by margin": a ranking asked for by name wins over the other words.
    let rankedBy: TopProducts.Metric?

    /// The parser that read it: the shop's product words and locations.
    let parser: IntentParser

    var product: String { productQuery.joined(separator: " ") }
    /// Asks about sales rather than stock: a selling word, or a figure of sales other than units ("how many
    /// orders" is not a stock question; "how many units of oat milk" is).
    var asksSales: Bool { isSales || (figure != nil && figure != .units) }
    /// A question the sales rules answer: a selling word, a period, or a figure of sales ("qty" alone is a
    /// stock question).
    var asksAboutSales: Bool { asksSales || period != nil }
    /// "how do i make a flat white", "what year is it", "who made you": instructions, the calendar and people,
    /// which no figure answers.
    var asksNoFigure: Bool {
        typed.first == "who"
            || containsPhrase(["how", "do", "i"]) || containsPhrase(["how", "do", "you"])
            || containsPhrase(["how", "to"])
            || containsPhrase(["what", "year"]) || containsPhrase(["what", "day", "is"])
            || containsPhrase(["what", "date"]) || containsPhrase(["what", "time", "is", "it"])
    }
    /// Every word of the product query looks like a product's: nothing in it is left unexplained.
    var namesOnlyProducts: Bool { namesAProduct && unexplained.isEmpty }
    /// The words of the product query that look like no product's: a name the shop does not have ("stock
    /// pineapples" is told so), or words of another question.
    var unexplained: [String] { productQuery.filter { !parser.looksLikeProduct($0) } }
    /// "in pastries", "from fish": a filter the shop has no category (nor product) for, named after "in", "from" or
    /// "among".
    var namesUnknownFilter: Bool {
        guard category == nil else { return false }
        let unknown = Set(unexplained)
        return typed.indices.dropLast().contains { index in
            ["in", "from", "among"].contains(typed[index]) && unknown.contains(typed[index + 1])
        }
    }
    var asksMargin: Bool { figure == .margin || rankedBy == .margin || !set.isDisjoint(with: Vocabulary.margin) }
    var namesAProduct: Bool { !productQuery.isEmpty && productQuery.contains(where: parser.looksLikeProduct) }

    func containsPhrase(_ phrase: [String]) -> Bool { Self.containsPhrase(words, phrase) }

    static func containsPhrase(_ words: [String], _ phrase: [String]) -> Bool {
        guard words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { Array(words[$0..<($0 + phrase.count)]) == phrase }
    }

    init(text: String, typed: [String], parser: IntentParser) {
        self.text = text
        self.typed = typed
        self.parser = parser
        let words = typed.map(parser.corrected)
        self.words = words
        let set = Set(words)
        self.set = set

        // "day of the week" names no week.
        var periodWords = words
        for index in periodWords.indices.dropFirst(2)
        where periodWords[index] == "week" && periodWords[index - 1] == "the" && periodWords[index - 2] == "of" {
            periodWords[index] = "_"
        }
        let (period, rest) = PeriodParser().parse(periodWords)
        self.period = period
        let restWords = rest.map { words[$0] }
        self.restWords = restWords
        let restSet = Set(restWords)
        self.restSet = restSet
        let category = parser.category(in: restWords)
        self.category = category
        func phrase(_ phrase: [String]) -> Bool { Self.containsPhrase(words, phrase) }

        isStock = !set.isDisjoint(with: Vocabulary.stock) || phrase(["how", "many"])
        isLow = !set.isDisjoint(with: Vocabulary.low)
        // "how much butter is left" asks for stock, "how much did we take" for sales.
        let asksLeft = !set.isDisjoint(with: ["left", "remaining", "got", "stock", "have", "onhand"])
        isSales =
            !set.isDisjoint(with: Vocabulary.sales.subtracting(["did"])) || phrase(["how", "did", "we", "do"])
            || (phrase(["how", "much"]) && !asksLeft) || phrase(["turn", "over"]) || phrase(["turned", "over"])
        let ranOut = phrase(["run", "out"]) || phrase(["ran", "out"]) || phrase(["runs", "out"])
        isOut =
            phrase(["out", "of", "stock"]) || phrase(["sold", "out"]) || set.contains("outofstock")
            || set.contains("oos") || set.contains("soldout") || (ranOut && period == nil)
            || phrase(["are", "we", "out"]) || phrase(["we", "out", "of"]) || phrase(["none", "left"])
            || (set.contains("out") && (set.contains("whats") || set.contains("what")) && words.count <= 3
                && !set.contains("running"))
        isStockOuts =
            !set.isDisjoint(with: Vocabulary.stockOuts)
            // "what ran out this week"; "what will run out this week" looks ahead instead.
            || ((set.contains("ran") || set.contains("run") && set.isDisjoint(with: ["will", "gonna", "going"]))
                && set.contains("out") && period != nil)
        isHours =
            (set.contains("when") && !set.isDisjoint(with: ["busiest", "busy", "rush", "peak", "quiet", "quietest"])
                && !set.contains("day"))
            || !restSet.isDisjoint(with: Vocabulary.hours)
                && (set.contains("busiest") || set.contains("busy") || set.contains("peak") || set.contains("rush")
                    || restSet.contains("hours") || restSet.contains("hour") || restSet.contains("hourly"))
        isWeekdays =
            !restSet.isDisjoint(with: Vocabulary.weekdays) || phrase(["day", "of", "the", "week"])
            || ((set.contains("best") || set.contains("busiest"))
                && (restSet.contains("day") || restSet.contains("days")))
        // "what's selling well": the best sellers.
        isTop =
            !restSet.isDisjoint(with: Vocabulary.top)
            || (set.contains("well") && !set.isDisjoint(with: ["selling", "sells", "sold", "moving"]))
        isTrend = !restSet.isDisjoint(with: Vocabulary.trend)
        isCategories = !restSet.isDisjoint(with: Vocabulary.categories)
        figure =
            SalesFigure.named(in: restSet)
            ?? (phrase(["order", "count"]) || phrase(["number", "of", "sales"]) || phrase(["how", "many", "sales"])
                ? .orders : nil)
        rankedBy =
            words.indices.dropLast().lazy.compactMap { index -> TopProducts.Metric? in
                guard words[index] == "by" || words[index] == "in" else { return nil }
                let next = words[index + 1]
                if Vocabulary.margin.contains(next) { return .margin }
                if Vocabulary.units.contains(next) || next == "volume" || next == "quantity" { return .units }
                if ["revenue", "sales", "takings", "value", "money", "turnover"].contains(next) { return .revenue }
                return nil
            }.first

        let skip = Vocabulary.productSkip
        // Product names keep the user's spelling: the typed word, not its correction.
        let query = rest.filter { index in
            let word = words[index]
            // Numbers are counts ("top 5"), unless a product is named with them ("Free Range Eggs 6").
            return !skip.contains(word) && (PeriodParser.number(word) == nil || parser.productWords.contains(word))
                && !(category?.words.contains(word) ?? false) && !parser.locationWords.contains(word)
        }.map { typed[$0] }
        // A number alone names no product ("top 10", though "Tealight Candles 10" is one).
        productQuery = isTop && query.allSatisfy({ PeriodParser.number($0) != nil }) ? [] : query
    }
}
