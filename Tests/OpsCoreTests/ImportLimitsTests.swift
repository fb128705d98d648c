import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Numbers past what a shop writes are row errors that say so, never an arithmetic trap: one such upload
/// ended `opsbot run`, and Telegram handed it back after every restart.
@Suite struct ImportLimitsTests {
    let store: Store
    let org: Org
    let now = ISO8601DateFormatter().date(from: "2026-11-20T12:00:00Z")!

    init() throws {
        store = try Store.inMemory()
        org = try store.ensureOrg(timeZone: TimeZone(identifier: "Europe/London")!)
    }

    func importText(_ text: String, _ kind: ImportKind) throws -> ImportReport {
        try Importer(store: store, org: org).importBytes(
            Array(text.utf8), fileName: "f.csv", options: .init(kind: kind, now: now))
    }

    @Test(arguments: [
        "9223372036854775807", "9223372036854775808", "92233720368547758070", "-9223372036854775808", "1000000001",
    ])
    func aHugeStockCountIsARowError(_ quantity: String) throws {
        let report = try importText("sku,name,quantity\nA1,Apple,\(quantity)\nB1,Bread,4\n", .inventory)
        #expect(report.status != .imported)
        let error = try #require(report.errors.first)
        #expect(error.line == 2 && error.column == "quantity" && error.value == quantity)
        #expect(error.message == "is too large (at most 1,000,000,000)")
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM inventory_levels") == 0)
    }

    @Test func twoSalesLinesWhoseQuantitiesWouldAddPastInt64AreRefusedNotTrappedOn() throws {
        let report = try importText(
            "order id,sold at,sku,quantity,unit price\n1,2026-11-01 10:00,A1,9223372036854775807,1.00\n"
                + "2,2026-11-01 11:00,A1,9223372036854775807,1.00\n", .sales)
        #expect(report.status != .imported)
        #expect(report.errors.map(\.line) == [2, 3])
        #expect(report.errors.allSatisfy { $0.message.hasPrefix("is too large") })
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == 0)
    }

    @Test func aQuantityTimesAPriceTooLargeForALineTotalIsNamed() throws {
        let report = try importText(
            "order id,sold at,sku,quantity,unit price\n1,2026-11-01 10:00,A1,900000000,99999.00\n", .sales)
        let error = try #require(report.errors.first)
        #expect(error.column == "quantity" && error.value == "900000000")
        #expect(error.message == "makes a line total too large (at most 10,000,000,000.00)")
    }

    /// A price and a quantity at their limits, with a tax and a total to weigh them against, or shared out over a
    /// payment's items with a discount: refused or read, never trapped on (found reading the layouts' arithmetic).
    @Test func limitSizedPricesQuantitiesAndDiscountsNeverTrap() throws {
        let taxed = try importText(
            "date,product,qty,price,tax,total\n2024-03-01,Gold,1000000000,10000000000.00,1.00,5.00\n", .sales)
        #expect(taxed.status == .imported && taxed.inserted == 1, "\(taxed.status)")
        let listed = try importText(
            "Date,Time,Time Zone,Gross Sales,Discounts,Net Sales,Gift Card Sales,Tax,Tip,Partial Refunds,Total Collected,Transaction ID,Description,Event Type\n"
                + "2024-03-01,10:00,London,\"10,000,000,000.00\",\"-9,999,999,999.00\",1.00,0,0,0,0,1.00,T9,\"Gold x 999999999, Tin\",Payment\n",
            .sales)
        #expect(listed.status == .imported && listed.inserted == 2, "\(listed.status) \(listed.errors)")
    }

    @Test func anAmountPastTenBillionIsTooLargeAndOneWithinIsKept() throws {
        let refused = try importText(
            "order id,sold at,sku,quantity,total\n1,2026-11-01 10:00,A1,1,10000000000.01\n", .sales)
        #expect(refused.errors.first?.message == "is too large (at most 10,000,000,000.00)")
        let kept = try importText(
            "order id,sold at,sku,quantity,total\n1,2026-11-01 10:00,A1,1,10000000000.00\n", .sales)
        #expect(kept.status == .imported)
        #expect(try store.database.queryInt("SELECT revenue FROM daily_sales") == 1_000_000_000_000)
    }

    @Test func aFileWhoseSalesWouldAddPastWhatTheRollupsHoldStopsAtTheLineThatCrossesIt() throws {
        var text = "order id,sold at,sku,quantity,total\n"
        for order in 1...100_001 { text += "\(order),2026-11-01 10:00,A1,1,10000000000.00\n" }
        let report = try importText(text, .sales)
        // One row in 100,001 is under the reject limit: the rest is imported, the crossing line reported.
        #expect(report.rejected == 1)
        #expect(report.errors.map(\.line) == [100_002])
        #expect(try store.database.queryInt("SELECT revenue FROM daily_sales") == 100_000 * 1_000_000_000_000)
        #expect(report.errors.first?.message == "brings the file's sales past what OpsBot can add up")
    }

    @Test func limitsAreShownInTheCurrencysDecimals() {
        #expect(ImportLimits.maxAmountText(digits: 0) == "1,000,000,000,000")
        #expect(ImportLimits.maxAmountText(digits: 3) == "1,000,000,000.000")
    }
}
