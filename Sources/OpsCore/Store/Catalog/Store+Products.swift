import Foundation

extension Store {
    static let productColumns =
        "id, sku, name, category, unit_cost, unit_price, reorder_point, lead_time_days, pack_size"
    static let selectProducts = "SELECT \(productColumns) FROM products WHERE org_id = ? AND active = 1 ORDER BY name"
    static let selectProduct = "SELECT \(productColumns) FROM products WHERE id = ?"
    static let upsertProductSQL = """
        INSERT INTO products (org_id, sku, name, category, unit_cost, unit_price, reorder_point, lead_time_days,
                              pack_size, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, sku) DO UPDATE SET
            name = excluded.name, category = excluded.category, unit_cost = excluded.unit_cost,
            unit_price = excluded.unit_price, reorder_point = excluded.reorder_point,
            lead_time_days = excluded.lead_time_days, pack_size = excluded.pack_size,
            updated_at = excluded.updated_at
        """
    static let selectProductID = "SELECT id FROM products WHERE org_id = ? AND sku = ?"

    /// Inserts the product, or updates the one with the same SKU; returns its id.
    ///
    /// The id is read back, not `RETURNING`: SQLite runs a RETURNING clause as a trigger, and a statement with
    /// one keeps a statement journal (three pages a product, 240 MB for the 5,000 an import created).
    @discardableResult
    public func upsertProduct(_ product: Product, orgID: Int64, now: Date = Date()) throws -> Int64 {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try database.execute(
            Self.upsertProductSQL,
            [
                .integer(orgID), .text(product.sku), .text(product.name), .text(product.category),
                .optionalInt(product.unitCost), .optionalInt(product.unitPrice), .optionalInt(product.reorderPoint),
                .optionalInt(product.leadTimeDays), .optionalInt(product.packSize), at, at,
            ])
        guard
            let id = try database.queryFirst(
                Self.selectProductID, [.integer(orgID), .text(product.sku)], { $0.int64(0) })
        else {
            throw DatabaseError.unexpectedValue(column: "products.id", expected: "an id", sql: Self.selectProductID)
        }
        return id
    }

    public func products(orgID: Int64) throws -> [Product] {
        try database.query(Self.selectProducts, [.integer(orgID)], Self.decodeProduct)
    }

    public func product(id: Int64) throws -> Product? {
        try Self.product(id: id, in: database)
    }

    static func product(id: Int64, in database: Database) throws -> Product? {
        try database.queryFirst(selectProduct, [.integer(id)], decodeProduct)
    }

    static func decodeProduct(_ row: Row) -> Product {
        Product(
            id: row.int64(0), sku: row.string(1), name: row.string(2), category: row.string(3),
            unitCost: row.optionalInt(4), unitPrice: row.optionalInt(5), reorderPoint: row.optionalInt(6),
            leadTimeDays: row.optionalInt(7), packSize: row.optionalInt(8))
    }

    /// What changes when the catalogue a parser knows changes: products added or edited, locations added.
    public struct CatalogVersion: Equatable, Sendable {
        let count: Int
        let updatedAt: Int
        let locations: Int
    }

    static let selectCatalogVersion = """
        SELECT COUNT(*), COALESCE(MAX(updated_at), 0), (SELECT COUNT(*) FROM locations WHERE org_id = ?1)
        FROM products WHERE org_id = ?1
        """

    public func catalogVersion(orgID: Int64) throws -> CatalogVersion {
        try database.queryFirst(Self.selectCatalogVersion, [.integer(orgID)]) {
            CatalogVersion(count: $0.int(0), updatedAt: $0.int(1), locations: $0.int(2))
        } ?? CatalogVersion(count: 0, updatedAt: 0, locations: 0)
    }

    static let selectProductIDBySKU = "SELECT id FROM products WHERE org_id = ? AND sku = ?"

    /// The id of the org's product with this SKU, if it has one.
    public func productID(sku: String, orgID: Int64) throws -> Int64? {
        try database.queryFirst(Self.selectProductIDBySKU, [.integer(orgID), .text(sku)]) { $0.int64(0) }
    }
}
