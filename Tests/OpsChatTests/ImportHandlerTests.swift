import Foundation
import OpsTestSupport
import Testing

@testable import OpsChat
@testable import OpsCore

@Suite struct ImportHandlerTests {
    let shop: SmallShop
    let conversation: Conversation

    init() throws {
        shop = try SmallShop()
        conversation = Conversation(store: shop.store, clock: FixedClock(shop.now))
    }

    func upload(_ text: String, name: String = "upload.csv", as member: Member) -> Reply {
        let bytes = Array(text.utf8)
        let message = ChatMessage(
            transport: member.transport, chat: .init(id: "g1", kind: .group),
            sender: .init(userKey: member.userKey, displayName: member.name), text: "",
            attachment: .init(fileName: name, size: bytes.count, fetch: { bytes }))
        return conversation.handle(message, file: bytes)
    }

    @Test func anOwnerImportsSalesAndGetsTheReport() throws {
        let reply = upload(
            "order,sold at,sku,qty,price\nZ1,2026-11-25 09:00,CRO,4,2.60\nZ2,2026-11-25 09:30,NEW-1,1,9.99\n",
            as: shop.owner)
        #expect(reply.blocks.first == .title("Imported sales from upload.csv"))
        #expect(reply.plainText.contains("2 rows read: 2 new, 0 updated, 0 unchanged, 0 rejected"))
        #expect(reply.plainText.contains("1 new product — add their cost to see margin: NEW-1"))
        #expect(reply.plainText.contains("Covers Wed 25 Nov"))
        #expect(reply.attachments.isEmpty)
        // The new sale is in today's figures at once.
        #expect(
            conversation.handle(
                ChatMessage(
                    transport: "test", chat: .init(id: "g1", kind: .group),
                    sender: .init(userKey: "1", displayName: "Olive"),
                    text: "sales today")
            ).plainText.contains("£22.79"))
    }

    func press(_ button: Reply.Button, as member: Member) -> Reply {
        conversation.handle(
            ChatMessage(
                transport: member.transport, chat: .init(id: "g1", kind: .group),
                sender: .init(userKey: member.userKey, displayName: member.name), text: button.label,
                action: button.action))
    }

    /// A file that could be sales or a product list is not imported: the reply asks, with a button for each,
    /// and pressing one imports the kept file as that kind — once.
    @Test func aFileOfUnclearKindIsAskedAboutWithButtonsThatImportIt() throws {
        let asked = upload("name,price,date\nHoney,6.50,2026-11-25\n", name: "honey.csv", as: shop.owner)
        #expect(asked.blocks.first == .title("Nothing imported from honey.csv"))
        #expect(asked.plainText.contains("Is it a sales file or a product list?"), "\(asked.plainText)")
        #expect(asked.buttons.map(\.label) == ["Sales", "Product list"])
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM pending_imports") == 1)

        let imported = press(asked.buttons[0], as: shop.owner)
        #expect(imported.blocks.first == .title("Imported sales from honey.csv"), "\(imported.plainText)")
        #expect(imported.plainText.contains("each row counted as one unit sold"))
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM pending_imports") == 0)
        #expect(press(asked.buttons[1], as: shop.owner).plainText.contains("I no longer have that file"))
    }

    /// The report names the export it recognised and what it left out of net revenue, with amounts.
    @Test func theReportSaysWhatItRecognisedAndWhatItLeftOut() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/imports/layouts/toast_item_selection_details.csv")
        let reply = upload(
            try String(contentsOf: fixture, encoding: .utf8), name: "ItemSelectionDetails.csv", as: shop.owner)
        #expect(reply.plainText.contains("Recognised a Toast ItemSelectionDetails export"), "\(reply.plainText)")
        #expect(
            reply.plainText.contains(
                "Excluded from net revenue: 1 voided line £14.75, 1 gift card line £50.00, tax £93.40"),
            "\(reply.plainText)")
    }

    @Test func staffMayUploadStockCountsButNotSales() throws {
        let refused = upload("order,sold at,sku,qty,price\nZ1,2026-11-25 09:00,CRO,4,2.60\n", as: shop.staff)
        #expect(refused.blocks.first == .title("Nothing imported from upload.csv"))
        #expect(
            refused.plainText.contains("Only managers and owners can import sales; you can upload inventory files."))
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM sales WHERE order_id = 'Z1'") == 0)

        let counted = upload("sku,qty\nCRO,24\n", name: "count.csv", as: shop.staff)
        #expect(counted.blocks.first == .title("Imported inventory from count.csv"))
        #expect(counted.plainText.contains("1 row read: 0 new, 1 updated"), "issue 20, point 10: \(counted.plainText)")
        #expect(try shop.store.stockQuantity(productID: shop.products["CRO"]!.id) == 24)
    }

    /// The same file again is answered at once, but only to those who may import it: staff sending a sales file
    /// an owner imported are told what they may upload, not that it is in.
    @Test func aFileSentAgainIsAnsweredAtOnceToThoseWhoMayImportIt() throws {
        let sales = "order,sold at,sku,qty,price\nZ1,2026-11-25 09:00,CRO,4,2.60\n"
        #expect(upload(sales, as: shop.owner).blocks.first == .title("Imported sales from upload.csv"))

        let refused = upload(sales, as: shop.staff)
        #expect(
            refused.plainText.contains("Only managers and owners can import sales; you can upload inventory files."))
        let again = upload(sales, name: "again.csv", as: shop.owner)
        #expect(again.plainText.contains("Already imported"))
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM sales WHERE order_id = 'Z1'") == 1)
    }

    @Test func rejectedRowsComeBackAsAFile() throws {
        var text = "sku,qty\n"
        for index in 0..<40 { text += "CRO,\(index == 20 ? "lots" : "5")\n" }
        let reply = upload(text, name: "count.csv", as: shop.owner)
        #expect(reply.plainText.contains("• line 22, column \"qty\": \"lots\" is not a number"))
        let file = try #require(reply.attachments.first)
        #expect(file.fileName == "count.errors.csv")
        #expect(String(decoding: file.bytes, as: UTF8.self).hasPrefix("sku,qty,error\r\nCRO,lots,"))
    }

    @Test func notACSVFile() {
        let reply = upload("%PDF-1.4", name: "invoice.pdf", as: shop.owner)
        #expect(reply.plainText.contains("invoice.pdf is not one"))
    }
}

@Suite struct ImportCaptionTests {
    @Test(
        arguments: [
            ("sales", ImportKind.sales), ("these are products", .products), ("stock count", .inventory),
            ("rota", .shifts),
            ("", nil), ("sales and products", nil), ("here you go", nil),
        ] as [(String, ImportKind?)])
    func aCaptionNamesTheKindSoItIsNotGuessed(_ caption: String, _ kind: ImportKind?) {
        #expect(ImportHandler.kind(named: caption) == kind)
    }
}
