import Foundation
import Testing

@testable import OpsCore

/// A till's export is never imported as a product list or a stock count: three real layouts were, silently
/// ("Imported products", the catalogue filled with "Croissant (Regular) x 2", no sale recorded).
@Suite struct SalesEvidenceTests {
    let store: Store
    let org: Org
    let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
    }

    func importText(_ text: String, kind: ImportKind? = nil) throws -> ImportReport {
        try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "export.csv", options: .init(kind: kind, now: now))
    }

    func products() throws -> Int { try store.products(orgID: org.id).count }

    /// Square's Transactions export (37 columns, verbatim from a test class by Square staff, see
    /// shared/reference/till-exports.md §1.4): one row per payment, the items in a text column.
    static let squareTransactions = """
        Date,Time,Time Zone,Gross Sales,Discounts,Net Sales,Gift Card Sales,Tax,Tip,Partial Refunds,Total Collected,Source,Card,Card Entry Methods,Cash,Square Gift Card,Other Tender,Other Tender Type,Other Tender Note,Fees,Net Total,Transaction ID,Payment ID,Card Brand,PAN Suffix,Device Name,Staff Name,Staff ID,Details,Description,Event Type,Location,Dining Option,Customer ID,Customer Name,Customer Reference ID,Device Nickname
        11/15/2017,21:18:15,Pacific Time (US & Canada),$7.80,$0.00,$7.80,$0.00,$0.62,$1.00,$0.00,$9.42,Point of Sale,$9.42,Tapped,$0.00,$0.00,$0.00,"","",$0.27,$9.15,32WG7b1gqYzrSFjYu2gVSt5eV,pNPtqi6ShdvIyibJO9FEKQB,Visa,4242,Front,Maria,,http://squareup.com/x,"Croissant (Regular) x 2, Latte x 1",Payment,#1002,"",AE8X8MPTGN7DF5M76JAC10VAP0,Eve,"",1002

        """

    /// A line-item file with no quantity column: one row per item sold (the issue's example layout).
    static let lineItems = """
        id,date,time,name,size,type,price
        1,2024-03-01,08:15,Latte,L,coffee,4.20
        2,2024-03-01,08:20,Croissant,,bakery,2.60

        """

    /// Clover's Orders export (23 columns, §1.5): order totals, no items.
    static let cloverOrders = """
        Order Date,Order ID,Invoice Number,Order Number,Order Type,Order Employee ID,Order Employee Name,Order Employee Custom ID,Note,Currency,Tax Amount,Tip,Service Charge,Discount,Order Total,Payments Total,Payment Note,Refunds Total,Manual Refunds Total,Tender,Credit Card Auth Code,Credit Card Transaction ID,Order Payment State
        16-Dec-2023 02:44 AM EST,MKP7NKSJDFKF8,,,Dine In,XJ2NZ4EZ9V5Z2,Ann,,,USD,3.56,8.39,,0.00,33.56,33.56,,0.00,0.00,Credit Card,05756C,335000737412,Paid

        """

    func lines() throws -> [(name: String, quantity: Int, total: Int)] {
        try store.database.query(
            "SELECT p.name, s.quantity, s.total FROM sales s JOIN products p ON p.id = s.product_id "
                + "ORDER BY s.order_id, s.line", []
        ) { ($0.string(0), $0.int(1), $0.int(2)) }
    }

    /// On 1c7ece6 this file was "Imported products": one product called "Croissant (Regular) x 2, Latte x 1".
    @Test func squaresTransactionsExportIsImportedAsTheSalesOfItsItems() throws {
        let report = try importText(Self.squareTransactions)
        #expect(report.status == .imported && report.kind == .sales, "\(report.status)")
        #expect(report.layout == "Square Transactions export")
        let lines = try lines()
        #expect(lines.map(\.name) == ["Croissant", "Latte"])
        #expect(lines.map(\.quantity) == [2, 1])
        // $7.80 net shared by three units: 2.60 each.
        #expect(lines.map(\.total) == [520, 260])
        #expect(report.notRevenue.map(\.what) == ["tax", "tips"])
    }

    /// On 1c7ece6 this file was "Imported products" (Latte, Croissant) and no sale was recorded.
    @Test func aLineItemFileWithNoQuantityIsOneUnitSoldPerRow() throws {
        let report = try importText(Self.lineItems)
        #expect(report.status == .imported && report.kind == .sales, "\(report.status)")
        #expect(try lines().map(\.quantity) == [1, 1])
        #expect(report.notes.contains("no quantity column: each row counted as one unit sold"))
    }

    /// On 1c7ece6 this file was refused as of no known kind, with nothing said about what to send instead.
    @Test func cloversOrdersExportIsRefusedNamingTheExportToSendInstead() throws {
        let report = try importText(Self.cloverOrders)
        guard case .rejected(let reason) = report.status else {
            Issue.record("imported as \(report.kind.map(\.rawValue) ?? "?")")
            return
        }
        #expect(try products() == 0, "the catalogue was written")
        #expect(reason.contains("Clover Orders export") && reason.contains("Line Items"), "\(reason)")
    }

    /// Dates, money and an order id, but no item: not sales lines, and never products or stock.
    @Test func aSalesLookingFileWithoutItemsSaysWhatItSawAndHowToImportItAnyway() throws {
        let text = "Order ID,Date,Customer,Total\nA1,2024-03-01,Ann,12.50\n"
        let report = try importText(text)
        guard case .rejected(let reason) = report.status else {
            Issue.record("imported as \(report.kind.map(\.rawValue) ?? "?")")
            return
        }
        #expect(reason.hasPrefix("This looks like a sales export (it has “Order ID”, “Date”, “Total”)"), "\(reason)")
        #expect(reason.contains("opsbot import sales FILE"))
        #expect(try products() == 0)
    }

    @Test func aFileThatCouldBeSalesOrAProductListAsks() throws {
        let report = try importText("name,price,date\nLatte,4.20,2024-03-01\n")
        guard case .rejected(let reason) = report.status else {
            Issue.record("imported as \(report.kind.map(\.rawValue) ?? "?")")
            return
        }
        #expect(report.choices == [.sales, .products])
        #expect(reason.contains("Is it a sales file or a product list?"), "\(reason)")
        #expect(reason.contains("opsbot import sales FILE or opsbot import products FILE"))
        #expect(try products() == 0)
        #expect(try importText("name,price,date\nLatte,4.20,2024-03-01\n", kind: .sales).status == .imported)
    }

    @Test func namingTheKindStillImportsIt() throws {
        let report = try importText(Self.lineItems, kind: .products)
        #expect(report.status == .imported && report.kind == .products)
        #expect(try products() == 2)
    }

    @Test func productListsAndStockCountsAreNotTakenForSales() {
        let woo =
            "ID,Type,SKU,Name,Published,\"Date sale price starts\",\"Date sale price ends\",\"Sale price\",\"Regular price\",Categories"
        let shopifyStock =
            "Handle,Title,Option1 Name,Option1 Value,SKU,Location,Available (not editable),On hand (current)"
        let count = "sku,name,quantity,counted at"
        for header in [woo, shopifyStock, count, "SKU,Name,Category,Unit cost,Unit price,Reorder point"] {
            #expect(
                SalesEvidence.of(header.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") })
                    == nil, "\(header)")
        }
    }

    @Test func aProductListWithDatesThatWouldMoreThanDoubleTheCatalogueAsksFirst() throws {
        _ = try store.upsertProduct(Product(sku: "A", name: "Apple"), orgID: org.id, now: now)
        let text = "sku,name,date added\nB,Bread,2024-01-01\nC,Cheese,2024-01-02\n"
        let asked = try importText(text)
        guard case .rejected(let reason) = asked.status else {
            Issue.record("imported without asking")
            return
        }
        #expect(reason.hasPrefix("This would add 2 new products, more than the shop has"), "\(reason)")
        #expect(asked.choices == [.products], "no price: not a sales file either")
        #expect(try products() == 1, "nothing was written")
        #expect(try importText(text, kind: .products).status == .imported)
        #expect(try products() == 3)
    }
}
