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

    @Test func staffMayUploadStockCountsButNotSales() throws {
        let refused = upload("order,sold at,sku,qty,price\nZ1,2026-11-25 09:00,CRO,4,2.60\n", as: shop.staff)
        #expect(refused.blocks.first == .title("Nothing imported from upload.csv"))
        #expect(
            refused.plainText.contains("Only managers and owners can import sales; you can upload inventory files."))
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM sales WHERE order_id = 'Z1'") == 0)

        let counted = upload("sku,qty\nCRO,24\n", name: "count.csv", as: shop.staff)
        #expect(counted.blocks.first == .title("Imported inventory from count.csv"))
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
