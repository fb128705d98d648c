import Testing

@testable import OpsChat

@Suite struct IntentParserTests {
    static let parser = IntentParser(productNames: [
        "Oat Milk 1L", "Oat Milk Barista 1L", "Croissant", "Sea Salt Crisps", "Free Range Eggs 6", "Bananas",
    ])

    static let phrasings: [(String, Intent)] = [
        ("help", .help(topic: nil)),
        ("/help", .help(topic: nil)),
        ("/start", .help(topic: nil)),
        ("/help@CornerCafeBot", .help(topic: nil)),
        ("what can you do?", .help(topic: nil)),
        ("Help stock", .help(topic: "stock")),
        ("hepl", .help(topic: nil)),
        ("stock low?", .lowStock),
        ("Stock low?? 📦", .lowStock),
        ("low stock", .lowStock),
        ("/stock", .lowStock),
        ("/stock@CornerCafeBot", .lowStock),
        ("what's running low", .lowStock),
        ("what do we need to reorder", .lowStock),
        ("anything out of stock?", .outOfStock),
        ("stok low", .lowStock),
        ("inventory", .lowStock),
        ("stock oat milk", .productStock(query: "oat milk")),
        ("Stock Oat Milk!", .productStock(query: "oat milk")),
        ("how many croissants left", .productStock(query: "croissants")),
        ("how many croissants do we have?", .productStock(query: "croissants")),
        ("/stock eggs", .productStock(query: "eggs")),
        ("sea salt crisps stock", .productStock(query: "sea salt crisps")),
        ("is oat milk low?", .productStock(query: "oat milk")),
        ("any bananas left", .productStock(query: "bananas")),
        ("oat milk?", .productStock(query: "oat milk")),
        ("sales today", .sales(.today)),
        ("Sales today?", .sales(.today)),
        ("/sales", .sales(.today)),
        ("/sales@CornerCafeBot yesterday", .sales(.yesterday)),
        ("sales yesterday", .sales(.yesterday)),
        ("sales yesteday", .sales(.yesterday)),
        ("sales yseterday", .sales(.yesterday)),
        ("salse yesterday", .sales(.yesterday)),
        ("revenue yesterday", .sales(.yesterday)),
        ("how did we do yesterday?", .sales(.yesterday)),
        ("how much did we make today 💰", .sales(.today)),
        ("takings", .sales(.today)),
        ("today?", .sales(.today)),
        ("yesterday", .sales(.yesterday)),
        ("sales this week", .sales(.thisWeek)),
        ("sales this wk", .sales(.thisWeek)),
        ("weekly sales", .sales(.thisWeek)),
        ("sales last week", .sales(.lastWeek)),
        ("revenue previous week", .sales(.lastWeek)),
        ("settings", .settings(nil)),
        ("settings timezone Europe/London", .settings(.timeZone("Europe/London"))),
        ("set currency GBP", .settings(.currency("GBP"))),
        ("settings name Corner Café", .settings(.name("Corner Café"))),
        ("settings week sunday", .settings(.weekStart("sunday"))),
    ]

    @Test(arguments: phrasings)
    func phrasingMapsToIntent(_ text: String, _ expected: Intent) {
        #expect(Self.parser.parse(text) == expected, "“\(text)”")
    }

    @Test func aProductWordIsNeverCorrectedIntoAnIntentWord() {
        // "salt" is one letter from "sale"; as a product word it stays itself.
        #expect(Self.parser.parse("salt crisps left") == .productStock(query: "salt crisps"))
    }

    @Test(arguments: ["blah blah", "what's the weather", "🍕🍕"])
    func nonsenseGetsTwoSuggestionsNotSilence(_ text: String) throws {
        guard case .unknown(let suggestions) = Self.parser.parse(text) else {
            Issue.record("“\(text)” was understood as something")
            return
        }
        #expect(suggestions.count == 2)
        #expect(Set(suggestions).count == 2)
    }

    @Test func suggestionsFollowTheWordsUsed() throws {
        guard case .unknown(let suggestions) = Self.parser.parse("what did we do last night") else {
            Issue.record("expected no match")
            return
        }
        #expect(suggestions.contains("sales yesterday"))
    }
}

@Suite struct EditDistanceTests {
    @Test(arguments: [
        ("yesterday", "yesteday", true), ("yesterday", "yseterday", true), ("sales", "salse", true),
        ("stock", "stok", true), ("stock", "stocks", true), ("sales", "stock", false), ("today", "tdy", false),
    ])
    func oneEdit(_ a: String, _ b: String, _ expected: Bool) {
        #expect(isWithinOneEdit(Array(a), Array(b)) == expected)
    }
}
