import Foundation

/// The shop's products by SKU and by name, loaded once per import; creates the ones a file mentions
/// that the shop does not have yet.
final class ProductCatalog {
    struct Entry {
        let id: Int64
        let unitCost: Int?
    }

    private let context: RowContext
    private var bySKU: [String: Entry] = [:]
    private var exactSKU: [String: Entry] = [:]
    private var byName: [String: Entry] = [:]
    private(set) var created: [String] = []

    static let selectAll = "SELECT id, sku, name, unit_cost FROM products WHERE org_id = ?"

    init(context: RowContext) throws {
        self.context = context
        _ = try context.store.database.query(Self.selectAll, [.integer(context.org.id)]) { row in
            let entry = Entry(id: row.int64(0), unitCost: row.optionalInt(3))
            bySKU[row.string(1).lowercased()] = entry
            byName[row.string(2).lowercased()] = entry
        }
    }

    /// Looks up as written first (most files spell a SKU the same way every time), then ignoring case.
    func find(sku: String?, name: String?) -> Entry? {
        if let sku {
            if let entry = exactSKU[sku] { return entry }
            if let entry = bySKU[sku.lowercased()] {
                exactSKU[sku] = entry
                return entry
            }
        }
        if let name, let entry = byName[name.lowercased()] { return entry }
        return nil
    }

    /// The product with this SKU (else name), created when the shop has neither.
    func resolve(sku: String?, name: String?, category: String?, unitPrice: Int?) throws -> Entry {
        if let entry = find(sku: sku, name: name) { return entry }
        let productName = name ?? sku ?? ""
        let product = Product(
            sku: sku ?? productName, name: productName, category: category ?? "", unitPrice: unitPrice)
        let id = try context.store.upsertProduct(product, orgID: context.org.id, now: context.now)
        let entry = Entry(id: id, unitCost: nil)
        bySKU[product.sku.lowercased()] = entry
        byName[productName.lowercased()] = entry
        created.append(productName)
        return entry
    }
}

@available(*, unavailable)
extension ProductCatalog: Sendable {}
