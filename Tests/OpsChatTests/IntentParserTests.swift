import OpsCore
import Testing

@testable import OpsChat

@Suite struct IntentParserTests {
    static let parser = IntentParser(
        productNames: [
            "Oat Milk 1L", "Oat Milk Barista 1L", "Croissant", "Sea Salt Crisps", "Free Range Eggs 6", "Bananas",
            "Flat White", "Sourdough Loaf",
        ],
        categories: ["Bakery", "Dairy", "Tea & Drinks", "Coffee", "Snacks"])

    static let phrasings: [(String, Intent)] = [
        ("help", .help(topic: nil)),
        ("/help", .help(topic: nil)),
        ("/start", .team(.start(code: nil))),
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
        ("what do we need to reorder", .ordering(.orderList(supplier: nil))),
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
        // Sales over any period
        ("how did we do last week", .sales(.lastWeek)),
        ("sales last month", .sales(.lastMonth)),
        ("revenue this month", .sales(.thisMonth)),
        ("revenue this month vs last month", .sales(.thisMonth)),
        ("sales this year", .sales(.thisYear)),
        ("takings last year", .sales(.lastYear)),
        ("/sales 7d", .sales(.lastDays(7))),
        ("/sales 30d", .sales(.lastDays(30))),
        ("sales last 7 days", .sales(.lastDays(7))),
        ("sales past seven days", .sales(.lastDays(7))),
        ("revenue last 14 days", .sales(.lastDays(14))),
        ("sales last two weeks", .sales(.lastWeeks(2))),
        ("sales 2w", .sales(.lastWeeks(2))),
        ("sales since monday", .sales(.since(weekday: 2))),
        ("sales since Fri", .sales(.since(weekday: 6))),
        ("sales on saturday", .sales(.onWeekday(7))),
        ("how was saturday", .sales(.onWeekday(7))),
        ("sales sunday", .sales(.onWeekday(1))),
        ("sales in october", .sales(.month(10))),
        ("October sales", .sales(.month(10))),
        ("sales in may", .sales(.month(5))),
        ("sales 1-15 nov", .sales(.monthDays(month: 11, from: 1, to: 15))),
        ("sales nov 1-15", .sales(.monthDays(month: 11, from: 1, to: 15))),
        ("sales 1 nov to 15 nov", .sales(.monthDays(month: 11, from: 1, to: 15))),
        ("sales on 3 march", .sales(.monthDays(month: 3, from: 3, to: 3))),
        (
            "sales 2024-11-01 to 2024-11-30",
            .sales(
                .dates(
                    CivilDate(year: 2024, month: 11, day: 1), CivilDate(year: 2024, month: 11, day: 30)))
        ),
        (
            "sales 2024-12-24",
            .sales(
                .dates(
                    CivilDate(year: 2024, month: 12, day: 24), CivilDate(year: 2024, month: 12, day: 24)))
        ),
        ("SALES TODAY!!!", .sales(.today)),
        ("sales tdy", .sales(.today)),
        ("sales yday", .sales(.yesterday)),
        ("how much did we make yesterday?", .sales(.yesterday)),
        ("how much money did we take today", .sales(.today)),
        ("what did we sell today", .sales(.today)),
        ("turnover last wk", .sales(.lastWeek)),
        ("sales mtd", .sales(.thisMonth)),
        ("sales ytd", .sales(.thisYear)),
        ("numbers for yesterday pls", .sales(.yesterday)),
        ("sales this weeek", .sales(.thisWeek)),
        ("sales lst week", .sales(.lastWeek)),
        ("revnue yesterday", .sales(.yesterday)),
        ("sales yesterday 📈", .sales(.yesterday)),
        ("Sales Yesterday?", .sales(.yesterday)),
        ("margin this week", .salesFigure(.thisWeek, .margin)),
        // Top and bottom products
        ("top 5 products this week", .topProducts(TopProducts(period: .thisWeek))),
        ("top five products this week", .topProducts(TopProducts(period: .thisWeek))),
        ("top 10 products last month", .topProducts(TopProducts(period: .lastMonth, count: 10))),
        ("best sellers", .topProducts(TopProducts(period: .thisWeek))),
        ("bestsellers today", .topProducts(TopProducts(period: .today))),
        ("what sold best yesterday", .topProducts(TopProducts(period: .yesterday, metric: .units))),
        ("most popular products this month", .topProducts(TopProducts(period: .thisMonth))),
        ("top 3 by units last week", .topProducts(TopProducts(period: .lastWeek, metric: .units, count: 3))),
        ("most profitable products last month", .topProducts(TopProducts(period: .lastMonth, metric: .margin))),
        ("top products by margin", .topProducts(TopProducts(period: .thisWeek, metric: .margin))),
        (
            "worst sellers in bakery last month",
            .topProducts(TopProducts(period: .lastMonth, bottom: true, category: "Bakery"))
        ),
        ("worst 3 products this week", .topProducts(TopProducts(period: .thisWeek, count: 3, bottom: true))),
        ("slowest sellers", .topProducts(TopProducts(period: .thisWeek, bottom: true))),
        ("top dairy products", .topProducts(TopProducts(period: .thisWeek, category: "Dairy"))),
        ("best selling coffee this month", .topProducts(TopProducts(period: .thisMonth, category: "Coffee"))),
        ("top 5 in tea & drinks", .topProducts(TopProducts(period: .thisWeek, category: "Tea & Drinks"))),
        ("/top", .topProducts(TopProducts(period: .thisWeek))),
        ("top sellers last 30 days", .topProducts(TopProducts(period: .lastDays(30)))),
        ("bottom 5 last week", .topProducts(TopProducts(period: .lastWeek, bottom: true))),
        ("topp 5 products", .topProducts(TopProducts(period: .thisWeek))),
        // Product drill-down
        ("how is oat milk doing", .productTrend(query: "oat milk", period: .lastDays(30))),
        ("how's the oat milk doing?", .productTrend(query: "oat milk", period: .lastDays(30))),
        ("trend croissant 30 days", .productTrend(query: "croissant", period: .lastDays(30))),
        ("croissant trend last 2 weeks", .productTrend(query: "croissant", period: .lastWeeks(2))),
        ("flat white performance this month", .productTrend(query: "flat white", period: .thisMonth)),
        ("sourdough history", .productTrend(query: "sourdough", period: .lastDays(30))),
        // Issue 25: a chart of one product is its chart now, not its trend in words.
        ("chart bananas 7d", .chart(.product(query: "bananas", period: .lastDays(7)))),
        // Stock
        ("what's out of stock", .outOfStock),
        ("whats out", .outOfStock),
        ("out of stock?", .outOfStock),
        ("sold out items", .outOfStock),
        ("anything sold out", .outOfStock),
        ("stock-outs last week", .stockOuts(.lastWeek)),
        ("stockouts this month", .stockOuts(.thisMonth)),
        ("what ran out last week", .stockOuts(.lastWeek)),
        ("stock outs", .stockOuts(.lastDays(30))),
        ("stock dairy", .categoryStock(category: "Dairy")),
        ("how much bakery stock do we have", .categoryStock(category: "Bakery")),
        ("stock levels snacks", .categoryStock(category: "Snacks")),
        ("how many eggs left", .productStock(query: "eggs")),
        ("how many oat milk left", .productStock(query: "oat milk")),
        ("do we have bananas", .productStock(query: "bananas")),
        ("got any croissants?", .productStock(query: "croissants")),
        ("croissant stock", .productStock(query: "croissant")),
        ("stock croisant", .productStock(query: "croisant")),
        ("qty oat milk", .productStock(query: "oat milk")),
        ("what needs reordering", .ordering(.orderList(supplier: nil))),
        ("running low?", .lowStock),
        ("low on anything?", .lowStock),
        ("what should i order", .ordering(.orderList(supplier: nil))),
        ("/stock low", .lowStock),
        ("Low Stock Report", .lowStock),
        // Patterns and categories
        ("are weekends better", .weekdays(.lastDays(28))),
        ("weekend vs weekday", .weekdays(.lastDays(28))),
        ("best day of the week", .weekdays(.lastDays(28))),
        ("busiest day last month", .weekdays(.lastMonth)),
        ("which day is best", .weekdays(.lastDays(28))),
        ("weekends this year", .weekdays(.thisYear)),
        ("busiest hours this month", .busiestHours(.thisMonth)),
        ("busiest hours", .busiestHours(.lastDays(28))),
        ("peak hours last week", .busiestHours(.lastWeek)),
        ("when is rush hour", .busiestHours(.lastDays(28))),
        ("busy times today", .busiestHours(.today)),
        ("hourly sales yesterday", .busiestHours(.yesterday)),
        ("sales by category", .categories(.thisWeek)),
        ("sales by category last month", .categories(.lastMonth)),
        ("category breakdown this year", .categories(.thisYear)),
        ("categories yesterday", .categories(.yesterday)),
        ("departments last week", .categories(.lastWeek)),
        // Help and settings in other words
        ("commands", .help(topic: nil)),
        ("help sales", .help(topic: "sales")),
        ("/help@CornerCafeBot stock", .help(topic: "stock")),
        ("menu", .help(topic: nil)),
        ("set timezone America/New_York", .settings(.timeZone("America/New_York"))),
        ("settings currency eur", .settings(.currency("eur"))),
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

@Suite struct TextNormalizerTests {
    /// The ASCII reading gives the same tokens as the Unicode one, on every kind of character it meets.
    @Test func asciiTextIsTokenisedAsTheUnicodeReadingDoes() {
        let alphabet = Array("aZ09 -_/'.,!?@#:;\t\nxyQ-_/")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        let samples =
            [
                "Oat Milk 1L", "top 5 products this week", "--a--", "_x_", "a-b_c/d", "don't", "  ", "", "-_/",
                "Free Range Eggs 6", "SKU-001", "/sales@CornerBot today",
            ]
            + (0..<2_000).map { _ in String((0..<(next() % 24)).map { _ in alphabet[next() % alphabet.count] }) }
        for text in samples where !text.hasPrefix("/") {
            #expect(TextNormalizer.asciiTokens(text) == TextNormalizer.unicodeTokens(text), "“\(text)”")
        }
        #expect(TextNormalizer.asciiTokens("café au lait") == nil)
        #expect(TextNormalizer.tokens("Café au LAIT") == ["café", "au", "lait"])
    }
}
