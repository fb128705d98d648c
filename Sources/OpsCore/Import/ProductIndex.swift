import Foundation

/// Which product a row names: by SKU as written, then ignoring case, else by name ignoring case. Products
/// the shop does not have yet are numbered in the order rows first name them.
///
/// A value, so the reading thread can hold a copy: it names each sales line's product there, and the writing
/// thread creates the new ones in the same order (`ProductCatalog.entry(for:…)`).
struct ProductIndex: Sendable {
    enum Product: Sendable, Equatable {
        case stored(id: Int64, unitCost: Int?)
        /// The file's n-th product the shop did not have, counting from 0.
        case new(Int)
    }

    private var bySKU: [String: Product] = [:]
    private var exactSKU: [String: Product] = [:]
    private var byName: [String: Product] = [:]
    private(set) var newCount = 0

    mutating func add(sku: String, name: String, _ product: Product) {
        bySKU[sku.lowercased()] = product
        byName[name.lowercased()] = product
    }

    /// Looks up as written first (most files spell a SKU the same way every time), then ignoring case.
    mutating func find(sku: String?, name: String?) -> Product? {
        if let sku {
            if let product = exactSKU[sku] { return product }
            if let product = bySKU[sku.lowercased()] {
                exactSKU[sku] = product
                return product
            }
        }
        if let name, let product = byName[name.lowercased()] { return product }
        return nil
    }

    /// The product with this SKU (else name); a new number when the shop has neither.
    mutating func resolve(sku: String?, name: String?) -> Product {
        if let product = find(sku: sku, name: name) { return product }
        let product = Product.new(newCount)
        newCount += 1
        let names = Self.newProductNames(sku: sku, name: name)
        add(sku: names.sku, name: names.name, product)
        return product
    }

    /// What a product created for a row is called: its name, else its SKU, and the other way round.
    static func newProductNames(sku: String?, name: String?) -> (sku: String, name: String) {
        let productName = name ?? sku ?? ""
        return (sku ?? productName, productName)
    }
}
