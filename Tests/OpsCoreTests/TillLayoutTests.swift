import Foundation
import Testing

@testable import OpsCore

/// One fixture per till export, sent unedited with its kind left to detection: the layout is recognised, and
/// net revenue per day, units per product and the top product come out to the cent. Rows are synthetic; each
/// fixture's columns are as its system writes them (source in the comment of its case), with a multi-line
/// order, a discount, tax, a refund, a void or a cancelled order where the export has them, and a sale over
/// 1,000 written with a thousands separator.
///
/// On 1c7ece6 (`opsbot import FILE`), the Square Transactions, Clover Line Items, WooCommerce and line-item
/// fixtures were "Imported products" with exit 0 and no sale recorded; Toast's voids and gift cards, Loyverse's
/// cancelled receipts and refunds, and Square's refund events counted as sales; the X-series, spreadsheet and
/// Shopify products files were refused for their summary, TOTAL and image rows.
@Suite struct TillLayoutTests {
    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let zone: String
        let layout: String?
        /// Net revenue per local day, in cents.
        let days: [String: Int]
        let units: [String: Int]
        let top: (name: String, revenue: Int)
        /// "voided line 1 1475": the report's exclusions as reason, noun, count and amount.
        var excluded: [String] = []

        var description: String { file }
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/imports/layouts")

    static let cases: [Case] = [
        // Square Dashboard › Reports › Item Sales › Export "Item Sales Detail": the 24 columns of the 2017 export
        // Square staff paired with API data (shared/reference/till-exports.md §1.4); refunds are "Refund" events.
        Case(
            file: "square_item_sales_detail.csv", zone: "America/New_York", layout: "Square Item Sales Detail export",
            days: ["2024-03-01": 126_150, "2024-03-02": 600],
            units: ["Latte (Large)": 1, "Croissant": 4, "Espresso Machine": 1], top: ("Espresso Machine", 125_000)),
        // Square Dashboard › Transactions › Export "Transactions CSV": 37 columns (§1.4); the item list as the
        // issue quotes it and as Square writes it without counts; a refund event and a gift card sold.
        Case(
            file: "square_transactions.csv", zone: "America/New_York", layout: "Square Transactions export",
            days: ["2024-03-01": 121_680, "2024-03-02": 40],
            units: ["Croissant": 1, "Latte": 3, "Muffin": 2, "Catering Platter": 1], top: ("Catering Platter", 120_000),
            excluded: ["gift card line 1 0"]),
        // Shopify admin › Orders › Export: the 2021 layout of a real export (§1.1), continuation rows blank at
        // order level, a voided and cancelled order, the zip with its apostrophe.
        Case(
            file: "shopify_orders_export.csv", zone: "America/New_York", layout: "Shopify orders export",
            days: ["2024-03-01": 4_200, "2024-03-02": 147_400],
            units: ["Tote Bag - Natural": 4, "Enamel Mug": 1, "Leather Armchair": 1],
            top: ("Leather Armchair", 145_000),
            excluded: ["cancelled order 1 3200"]),
        // Clover Dashboard › Orders › Line Items export: one row per unit, the order's payment state on each
        // row, a refunded line, an open and a refunded order, a service charge rung up as a line; dates as the
        // Orders export writes them (§1.5).
        Case(
            file: "clover_line_items.csv", zone: "America/New_York", layout: "Clover Line Items export",
            days: ["2023-12-16": 2_700, "2023-12-17": 115_400],
            units: ["Burger": 2, "Fries": 2, "Catering Tray": 1], top: ("Catering Tray", 115_000),
            excluded: [
                "open order 1 1200", "refunded order 1 400", "refunded line 1 1200", "service charge line 1 500",
            ]),
        // Toast Web › Reports › Sales Summary › ItemSelectionDetails.csv: the 32-column header (§1.5); a voided
        // selection and a deferred (gift card) one; "1.0" quantities and 8-decimal tax.
        Case(
            file: "toast_item_selection_details.csv", zone: "America/New_York",
            layout: "Toast ItemSelectionDetails export", days: ["2024-03-01": 4_175, "2024-03-02": 151_500],
            units: ["Wings": 1, "Burger": 3, "Catering Package": 1], top: ("Catering Package", 150_000),
            excluded: ["voided line 1 1475", "gift card line 1 5000"]),
        // Lightspeed Retail X-series (Vend) › Sales History › Export: Sale, Sale Line and Payment rows in one file
        // (Vend help centre, "Sales Ledger" and export articles); GST-inclusive totals (New Zealand), a voided
        // sale whose lines leave the status blank, a return.
        Case(
            file: "lightspeed_x_sales.csv", zone: "Pacific/Auckland", layout: "Lightspeed Retail X-series sales export",
            days: ["2024-03-01": 2_609, "2024-03-02": 129_087],
            units: ["Flat White": 3, "Lunch Box": 0, "Espresso Grinder": 1], top: ("Espresso Grinder", 130_435),
            excluded: ["voided sale 1 435"]),
        // Lightspeed Retail R-series › Reports › Sales › Line Items export (the R-series API's SaleLine fields):
        // a discount, tax on top of each line's total, a returned line.
        Case(
            file: "lightspeed_r_sales_lines.csv", zone: "America/New_York",
            layout: "Lightspeed Retail R-series sales lines export",
            days: ["2024-03-01": 10_200, "2024-03-02": 178_400],
            units: ["Helmet": 1, "Gloves": 1, "Road Bike": 1], top: ("Road Bike", 179_900)),
        // WooCommerce Customer/Order CSV Export (woocommerce.com), "Default – One Row per Item" column keys (its
        // documented filters `wc_customer_order_csv_export_order_headers`); cancelled, failed, pending and
        // refunded orders, a coupon, a partial refund of one unit.
        Case(
            file: "woocommerce_orders.csv", zone: "America/New_York",
            layout: "WooCommerce orders export (one row per item)", days: ["2024-03-01": 2_800, "2024-03-02": 112_400],
            units: ["Mug": 4, "Tea": 1, "Espresso Machine": 1], top: ("Espresso Machine", 110_000),
            excluded: ["cancelled order 1 1200", "failed order 1 800", "unpaid order 1 800", "refunded order 1 800"]),
        // Loyverse Back Office › Receipts by item › Export: the header public Loyverse importers read; a byte
        // order mark, dd/mm dates, "1.000" quantities, a cancelled receipt, a refund written with positive values.
        Case(
            file: "loyverse_receipts_by_item.csv", zone: "Europe/London", layout: "Loyverse receipts by item export",
            days: ["2024-03-01": 900, "2024-03-02": 124_750],
            units: ["Cappuccino (Large)": 2, "Scone": 0, "Office Catering": 1], top: ("Office Catering", 125_000),
            excluded: ["cancelled receipt 1 350"]),
        // Excel › Save As › "CSV UTF-8 (Comma delimited)": a byte order mark, dd/mm/yyyy, an empty row and a TOTAL
        // row at the bottom.
        Case(
            file: "spreadsheet_csv_utf8.csv", zone: "Europe/London", layout: nil,
            days: ["2024-03-05": 1_560, "2024-03-06": 120_000, "2024-03-13": 450],
            units: ["Sourdough": 3, "Baguette": 3, "Wedding Cake": 1], top: ("Wedding Cake", 120_000)),
        // The one-row-per-item file: no quantity; size and type name a variant where they vary.
        Case(
            file: "line_items_no_quantity.csv", zone: "America/New_York", layout: nil,
            days: ["2024-03-01": 1_770, "2024-03-02": 105_420],
            units: ["Latte (L / hot)": 2, "Latte (M / hot)": 1, "Latte (L / iced)": 1, "Croissant": 2, "Party Box": 1],
            top: ("Party Box", 105_000)),
    ]

    @Test(arguments: cases)
    func importsUnedited(_ fixture: Case) throws {
        let store = try Store.inMemory()
        let zone = TimeZone(identifier: fixture.zone)!
        let org = try store.ensureOrg(timeZone: zone)
        let report = try Importer(store: store, org: org).importFile(
            path: Self.fixtures.appendingPathComponent(fixture.file).path,
            options: .init(now: Date(timeIntervalSince1970: 1_735_000_000)))
        #expect(report.status == .imported, "\(report.status)")
        #expect(report.kind == .sales)
        #expect(report.layout == fixture.layout)
        #expect(report.rejected == 0, "\(report.errors)")

        let calendar = org.calendar
        let metrics = SalesMetrics(store: store, org: org)
        var days: [String: Int] = [:]
        let first = try #require(report.firstAt)
        let last = try #require(report.lastAt)
        var day = calendar.startOfDay(first)
        while day <= last {
            let revenue = try metrics.totals(from: day, to: calendar.startOfDay(day, adding: 1)).revenue
            if revenue != 0 { days[calendar.dayKey(day)] = revenue }
            day = calendar.startOfDay(day, adding: 1)
        }
        #expect(days == fixture.days)

        let range = DayRange(
            start: calendar.startOfDay(first), end: calendar.startOfDay(last, adding: 1), calendar: calendar)
        let ranked = try ProductMetrics(store: store, org: org).ranked(
            in: range, by: .revenue, bottom: false, category: nil, limit: 100)
        let units = Dictionary(ranked.rows.map { ($0.product.name, $0.units) }, uniquingKeysWith: +)
        for (name, expected) in fixture.units { #expect(units[name] == expected, "\(name): \(units)") }
        #expect(ranked.rows.first?.product.name == fixture.top.name)
        #expect(ranked.rows.first?.revenue == fixture.top.revenue)
        #expect(
            report.excluded.map { "\($0.reason.rawValue) \($0.noun) \($0.count) \($0.amount)" }.sorted()
                == fixture.excluded.sorted())
    }

    func imported(_ file: String, into store: Store, org: Org) throws -> ImportReport {
        try Importer(store: store, org: org).importFile(
            path: Self.fixtures.appendingPathComponent(file).path,
            options: .init(now: Date(timeIntervalSince1970: 1_735_000_000)))
    }

    /// Shopify admin › Products › Export, the 48-column layout of the public demo store's export (§1.2): a
    /// product's sizes and colours are different products, named by their option values; a multi-line HTML body,
    /// an image-only row, doubled quotes and a price over 1,000.
    @Test func shopifysProductsExportMakesAProductOfEachVariant() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
        let report = try imported("shopify_products_export.csv", into: store, org: org)
        #expect(report.status == .imported && report.kind == .products, "\(report.status)")
        #expect(report.layout == "Shopify products export")
        #expect(report.skipped == 1, "the image-only row")
        let products = try store.products(orgID: org.id).sorted { $0.sku < $1.sku }
        #expect(
            products.map(\.name) == [
                "Lithograph - Height: 9\" x Width: 12\"", "Classic Tee (M / Black)", "Classic Tee (M / White)",
                "Classic Tee (S / Black)",
            ])
        #expect(products.map(\.sku) == ["LITHO", "TEE-M-BLK", "TEE-M-WHT", "TEE-S-BLK"])
        #expect(products.map(\.unitPrice) == [125_000, 2_000, 2_200, 2_000])
        #expect(products.map(\.unitCost) == [40_000, 800, 850, 800])
    }

    /// Shopify admin › Products › Inventory › Export (§1.3): one row per variant per location, added up per
    /// product; "not stocked" skipped; a negative count kept as it is (oversold).
    @Test func shopifysInventoryExportCountsEachVariantAtEachLocation() throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
        let report = try imported("shopify_inventory_export.csv", into: store, org: org)
        #expect(report.status == .imported && report.kind == .inventory, "\(report.status)")
        #expect(report.layout == "Shopify inventory export")
        #expect(report.skipped == 1, "the not-stocked row")
        let products = try store.products(orgID: org.id)
        func stock(_ sku: String) throws -> Int? {
            try products.first { $0.sku == sku }.flatMap { try store.stockQuantity(productID: $0.id) }
        }
        #expect(try stock("TEE-S-BLK") == 26)
        #expect(try stock("TEE-M-BLK") == 0)
        #expect(try stock("MUG") == -3)
        #expect(products.first { $0.sku == "TEE-S-BLK" }?.name == "Classic Tee (S / Black)")
        #expect(report.notes.contains { $0.contains("below zero") }, "\(report.notes)")
    }
}
