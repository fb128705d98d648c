import Foundation

/// Stock counts: a product's quantity at a location at a time. Shopify's "not stocked" rows are skipped.
final class InventoryRowImporter: SingleRowImporter {
    private let context: RowContext
    private let catalog: ProductCatalog
    /// Products counted below zero: sold before their delivery was booked, shown so someone looks.
    private var belowZero: [String] = []

    init(context: RowContext) throws {
        self.context = context
        self.catalog = try ProductCatalog(context: context)
    }

    var newProducts: [String] { catalog.created }

    var notes: [String] {
        guard !belowZero.isEmpty else { return [] }
        return [
            "\(belowZero.count) count\(belowZero.count == 1 ? "" : "s") below zero (sold before a delivery was "
                + "booked?): " + belowZero.prefix(5).joined(separator: ", ")
        ]
    }

    static let selectLevel = "SELECT quantity, counted_at FROM inventory_levels WHERE product_id = ? AND location = ?"

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        if row.text(.quantity)?.lowercased() == "not stocked" { return .skipped }
        let (sku, name) = try row.productKey()
        let quantity = try row.required(try row.wholeNumber(.quantity), .quantity, "the quantity counted")
        let countedAt = try context.date(row, .countedAt) ?? context.now
        let location = row.label(.location) ?? ""
        if quantity < 0 {
            belowZero.append("\(name ?? sku ?? "?") \(quantity)" + (location.isEmpty ? "" : " at \(location)"))
        }
        let product = try catalog.resolve(sku: sku, name: name, category: nil, unitPrice: nil)
        let before = try context.store.database.queryFirst(
            Self.selectLevel, [.integer(product.id), .text(location)]
        ) { ($0.int(0), $0.int64(1)) }
        try context.store.recordStock(
            productID: product.id, location: location, quantity: quantity, countedAt: countedAt, reason: "count",
            importID: context.importID)
        guard let before else { return .inserted(countedAt) }
        return before == (quantity, Int64(countedAt.timeIntervalSince1970))
            ? .unchanged(countedAt) : .updated(countedAt)
    }
}
