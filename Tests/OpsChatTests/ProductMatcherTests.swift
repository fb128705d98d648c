import Foundation
import OpsCore
import OpsTestSupport
import Testing

@testable import OpsChat

@Suite struct ProductMatcherTests {
    static let products = [
        Product(id: 1, sku: "DAI-001", name: "Oat Milk 1L"),
        Product(id: 2, sku: "DAI-015", name: "Oat Milk Barista 1L"),
        Product(id: 3, sku: "COF-006", name: "Oat Latte"),
        Product(id: 4, sku: "BAK-001", name: "Croissant"),
        Product(id: 5, sku: "BAK-003", name: "Almond Croissant"),
        Product(id: 6, sku: "DAI-010", name: "Free Range Eggs 6"),
        Product(id: 7, sku: "DAI-011", name: "Free Range Eggs 12"),
        Product(id: 8, sku: "SNK-001", name: "Sea Salt Crisps"),
    ]
    let matcher = ProductMatcher(products: products)

    func name(_ match: ProductMatcher.Match) -> String? {
        if case .found(let product, _) = match { return product.name }
        return nil
    }

    @Test(arguments: [
        ("oat milk", "Oat Milk 1L"), ("Oat Milk 1L", "Oat Milk 1L"), ("dai-015", "Oat Milk Barista 1L"),
        ("croissants", "Croissant"), ("croisant", "Croissant"), ("almond croissant", "Almond Croissant"),
        ("barista", "Oat Milk Barista 1L"), ("crisps", "Sea Salt Crisps"), ("oat latte", "Oat Latte"),
    ])
    func findsTheProductMeant(_ query: String, _ expected: String) {
        #expect(name(matcher.match(query)) == expected, "“\(query)”")
    }

    @Test func equallyGoodNamesAreAChoice() {
        guard case .ambiguous(let choices) = matcher.match("eggs") else {
            Issue.record("eggs should be ambiguous")
            return
        }
        #expect(Set(choices.map(\.name)) == ["Free Range Eggs 6", "Free Range Eggs 12"])
    }

    @Test func anUnknownNameSuggestsTheClosest() {
        guard case .notFound(let closest) = matcher.match("almond milk") else {
            Issue.record("almond milk is not sold here")
            return
        }
        #expect(closest.map(\.name).contains("Almond Croissant") || closest.map(\.name).contains("Oat Milk 1L"))
        #expect(matcher.match("zzzz") == .notFound(closest: []))
    }
}

/// Issue 28: a catalog numbered as many are ("Product 1234", "Category 7"): every number finds its own product,
/// four digits as well as three.
@Suite struct NumberedCatalogTests {
    static let products = (0..<5_000).map {
        Product(id: Int64($0 + 1), sku: "P\($0)", name: "Product \($0)", category: "Category \($0 % 20)")
    }
    let matcher = ProductMatcher(products: products)

    @Test(arguments: ["product 1234", "Product 4242", "product 999", "product 42", "product 5", "product 4999"])
    func aNumberedProductIsFoundAmongThousands(_ query: String) {
        guard case .found(let product, _) = matcher.match(query) else {
            Issue.record("“\(query)”: \(matcher.match(query))")
            return
        }
        #expect(product.name.lowercased() == query.lowercased())
    }
}

/// Issue 28: the benchmark's numbered questions answer what they name, on a shop of 5,000 numbered products.
@Suite struct NumberedCatalogConversationTests {
    @Test func eachNumberedQuestionAnswersTheProductOrCategoryItNames() throws {
        let shop = try SmallShop()
        try shop.store.write {
            for index in 0..<5_000 {
                _ = try shop.store.upsertProduct(
                    Product(sku: "P\(index)", name: "Product \(index)", category: "Category \(index % 20)"),
                    orgID: shop.org.id)
            }
        }
        let conversation = Conversation(store: shop.store, clock: FixedClock(shop.now))
        func first(_ text: String) -> String {
            let reply = conversation.handle(
                ChatMessage(
                    transport: "test", chat: .init(id: "c", kind: .privateChat),
                    sender: .init(userKey: shop.owner.userKey, displayName: shop.owner.name), text: text))
            return reply.plainText.split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(first("stock product 1234").hasPrefix("Product 1234 · P1234"), "\(first("stock product 1234"))")
        #expect(first("trend product 4242 last 90 days").hasPrefix("Product 4242 last 90 days"))
        #expect(first("how is product 42 doing").hasPrefix("Product 42 "))
        // Stock, not sales by category (no product of it is counted here).
        #expect(first("stock category 7") == "No stock counted in Category 7 yet.", "\(first("stock category 7"))")
        #expect(first("worst sellers in category 3 this month").hasPrefix("Worst 5 in Category 3 this month"))
        #expect(first("top 3 in category 3 this month").hasPrefix("Top 3 in Category 3 this month"))
    }
}

@Suite struct UnknownFilterTests {
    static let parser = IntentParser(productNames: ["Oat Milk 1L", "Croissant"], categories: ["Bakery", "Dairy"])

    /// A category the shop does not have is not dropped for the whole shop's ranking.
    @Test func topProductsInACategoryTheShopHasNotIsNotTheWholeShop() {
        #expect(
            Self.parser.parse("worst sellers in pastries")
                == .unknown(suggestions: ["top 5 products this week", "sales by category this month"]))
        guard case .topProducts(let top) = Self.parser.parse("worst sellers in bakery last month") else {
            Issue.record("worst sellers in bakery")
            return
        }
        #expect(top.category == "Bakery" && top.bottom && top.period == .lastMonth && top.count == 5)
        guard case .topProducts(let week) = Self.parser.parse("top 5 products in the last week") else {
            Issue.record("top 5 products in the last week")
            return
        }
        #expect(week.category == nil && week.period == .lastWeek)
    }
}
