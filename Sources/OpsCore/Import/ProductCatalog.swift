import Foundation

/// The shop's products by SKU and by name, loaded once per import; creates the ones a file mentions
/// that the shop does not have yet.
final class ProductCatalog {
    struct Entry {
        let id: Int64
        let unitCost: Int?
    }

    private let context: RowContext
    /// The shop's products as loaded, and those the file has named since.
    private(set) var index = ProductIndex()
    /// Ids of the products created, by their number in `ProductIndex`.
    private var createdIDs: [Int64] = []
    private(set) var created: [String] = []

    static let selectAll = "SELECT id, sku, name, unit_cost FROM products WHERE org_id = ?"

    init(context: RowContext) throws {
        self.context = context
        _ = try context.store.database.query(Self.selectAll, [.integer(context.org.id)]) { row in
            index.add(sku: row.string(1), name: row.string(2), .stored(id: row.int64(0), unitCost: row.optionalInt(3)))
        }
    }

    /// The product with this SKU (else name), created when the shop has neither.
    func resolve(sku: String?, name: String?, category: String?, unitPrice: Int?) throws -> Entry {
        try entry(
            for: index.resolve(sku: sku, name: name), sku: sku, name: name, category: category, unitPrice: unitPrice)
    }

    /// The stored product `product` stands for. A new one is created the first time it is named, which is
    /// in number order when the numbers come from one `ProductIndex` reading the rows in order.
    func entry(for product: ProductIndex.Product, sku: String?, name: String?, category: String?, unitPrice: Int?)
        throws -> Entry
    {
        switch product {
        case .stored(let id, let unitCost):
            return Entry(id: id, unitCost: unitCost)
        case .new(let number) where number < createdIDs.count:
            return Entry(id: createdIDs[number], unitCost: nil)
        case .new(let number):
            precondition(number == createdIDs.count, "new products are numbered in the order rows name them")
            let names = ProductIndex.newProductNames(sku: sku, name: name)
            let product = Product(sku: names.sku, name: names.name, category: category ?? "", unitPrice: unitPrice)
            let id = try context.store.upsertProduct(product, orgID: context.org.id, now: context.now)
            createdIDs.append(id)
            created.append(names.name)
            return Entry(id: id, unitCost: nil)
        }
    }

    /// The id of the file's `number`-th new product, once created.
    func createdID(_ number: Int) -> Int64? { number < createdIDs.count ? createdIDs[number] : nil }
}

@available(*, unavailable)
extension ProductCatalog: Sendable {}
