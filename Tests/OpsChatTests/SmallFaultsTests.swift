import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

/// Faults a user sees at once: a sentence without its full stop, a name with a line break splitting a table.
@Suite struct SmallFaultsTests {
    let shop: SmallShop
    let conversation: Conversation

    init() throws {
        shop = try SmallShop()
        conversation = Conversation(store: shop.store, clock: FixedClock(shop.now))
    }

    func ask(_ text: String) -> String {
        conversation.handle(
            ChatMessage(
                transport: shop.owner.transport, chat: .init(id: "c1", kind: .privateChat),
                sender: .init(userKey: shop.owner.userKey, displayName: shop.owner.name), text: text)
        ).plainText
    }

    @Test func aThresholdForAProductNeverCountedIsAWholeSentence() throws {
        _ = try shop.store.upsertProduct(
            Product(sku: "BEAN", name: "Espresso Beans", category: "Coffee", reorderPoint: 5), orgID: shop.org.id,
            now: shop.now)
        #expect(
            ask("alert me when espresso beans below 20")
                == "I'll alert when Espresso Beans is below 20. Its reorder point 5 no longer sets its alert.")
        #expect(
            ask("alert me when oat milk below 12")
                == "I'll alert when Oat Milk 1L is below 12 (now 4). Its reorder point 12 no longer sets its alert.")
    }

    @Test func aThresholdPastWhatAShopStocksIsRefused() {
        #expect(ask("alert me when oat milk below 9223372036854775807").hasPrefix("That's more than a shop stocks"))
        #expect(ask("set reorder point croissant 5000000000").hasPrefix("That's more than a shop stocks"))
    }

    @Test func aNameWithALineBreakIsShownOnOneLine() throws {
        let products = "sku,name,category,reorder point\nHON-1,\"Wildflower Honey\nJar\",\"Pantry\r\nJars\",6\n"
        let importer = Importer(store: shop.store, org: shop.org)
        let report = try importer.importBytes(
            Array(products.utf8), fileName: "products.csv", options: .init(kind: .products, now: shop.now))
        #expect(report.status == .imported, "\(report.errors)")
        let counts = try importer.importBytes(
            Array("sku,quantity\nHON-1,2\n".utf8), fileName: "stock.csv",
            options: .init(kind: .inventory, now: shop.now))
        #expect(counts.status == .imported, "\(counts.errors)")
        let stock = ask("stock low?")
        let line = try #require(stock.split(separator: "\n").first { $0.contains("Wildflower") }, "\(stock)")
        // The name (cut to fit a phone) and its figures on one row.
        #expect(line.hasPrefix("Wildflower Honey") && line.contains("   2   6"), "\(stock)")
        #expect(!stock.contains("\nJar"))
        let alerts = ask("alerts")
        #expect(alerts.contains("Low stock: Wildflower Honey Jar — 2 left"), "\(alerts)")
        #expect(
            try shop.store.products(orgID: shop.org.id).contains {
                $0.name == "Wildflower Honey Jar" && $0.category == "Pantry Jars"
            })
    }

    @Test(arguments: [
        ("Wildflower Honey\nJar", "Wildflower Honey Jar"), ("a \r\n b", "a b"), ("tab\there", "tab here"),
        ("plain name", "plain name"), ("\nlead", "lead"), ("trail\n", "trail"), ("Café\u{2028}Crème", "Café Crème"),
    ])
    func singleLine(_ text: String, _ expected: String) {
        #expect(text.singleLine == expected)
    }

    @Test func tableCellsWithLineBreaksStayOnTheirRow() {
        let table = Table(
            columns: [.init("Product"), .init("Qty", .right)], rows: [["Honey\nJar", "2"], ["Oats", "9"]])
        #expect(table.rendered() == "Product   Qty\nHoney Jar   2\nOats        9")
    }
}
