import OpsCore
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
