import Foundation

/// The product list: SKU, name, category, cost, price, reorder point, lead time, pack size, and the ordering
/// terms (supplier, minimum order, days between orders).
/// A cell left empty keeps what the shop already has; Shopify's variant rows inherit their product's title.
final class ProductRowImporter: SingleRowImporter {
    private let context: RowContext
    private var lastTitle: String?
    private var lastCategory: String?
    private(set) var newProducts: [String] = []

    init(context: RowContext) throws {
        self.context = context
    }

    static let selectBySKU = """
        SELECT id, sku, name, category, unit_cost, unit_price, reorder_point, lead_time_days, pack_size
        FROM products WHERE org_id = ? AND sku = ?
        """

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        // Shopify's image-only rows (a handle and an image, no title, variant or price) are not products.
        if row.map.layout == "Shopify products export", row.text(.name) == nil, row.text(.sku) == nil,
            row.variants.isEmpty, row.text(.unitPrice) == nil
        {
            return .skipped
        }
        var (sku, name) = try row.productKey()
        // Shopify's variant rows leave the title blank: it is the one of the rows above.
        var category = row.label(.category)
        if row.text(.name) != nil {
            lastTitle = row.text(.name)
            lastCategory = category
        } else if row.map.layout == "Shopify products export", let title = lastTitle {
            name = ImportRow.named(title, variants: row.variants)
            category = category ?? lastCategory
        }
        guard let sku = sku ?? name else {
            throw RowProblem(
                column: row.column(.sku) ?? row.column(.name), value: nil, message: "is empty; a SKU or name is needed")
        }
        let digits = context.digits
        let existing = try context.store.database.queryFirst(
            Self.selectBySKU, [.integer(context.org.id), .text(sku)], Store.decodeProduct)
        var product = existing ?? Product(sku: sku, name: name ?? sku)
        if let name { product.name = name }
        if let category { product.category = category }
        if let cost = try row.money(.unitCost, digits: digits) { product.unitCost = cost }
        if let price = try row.money(.unitPrice, digits: digits) { product.unitPrice = price }
        if let point = try row.wholeNumber(.reorderPoint) { product.reorderPoint = point }
        if let days = try row.wholeNumber(.leadTimeDays) { product.leadTimeDays = days }
        if let pack = try row.wholeNumber(.packSize) { product.packSize = pack }
        let stored = try existing.map { try context.store.orderingTerms(productID: $0.id) } ?? OrderingTerms()
        let terms = try orderingTerms(row, over: stored)
        if let existing, existing == product, terms == stored { return .unchanged(nil) }
        let id = try context.store.upsertProduct(product, orgID: context.org.id, now: context.now)
        if terms != stored { try context.store.setOrderingTerms(terms, productID: id) }
        if existing == nil {
            newProducts.append(product.name)
            return .inserted(nil)
        }
        return .updated(nil)
    }

    /// The supplier, minimum order and review period the row sets; an empty cell keeps what is stored.
    private func orderingTerms(_ row: ImportRow, over stored: OrderingTerms) throws -> OrderingTerms {
        var terms = stored
        if let supplier = row.label(.supplier) { terms.supplier = supplier }
        if let minimum = try row.wholeNumber(.minimumOrder) {
            guard minimum >= 0 else {
                throw RowProblem(
                    column: row.column(.minimumOrder), value: String(minimum), message: "is below zero (units)")
            }
            terms.minimumOrder = minimum
        }
        if let days = try row.wholeNumber(.reviewDays) {
            guard (1...365).contains(days) else {
                throw RowProblem(
                    column: row.column(.reviewDays), value: String(days), message: "is not 1 to 365 days between orders"
                )
            }
            terms.reviewDays = days
        }
        return terms
    }
}
