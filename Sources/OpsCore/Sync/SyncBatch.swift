import Foundation

/// What a connector read from a till or sheet since its cursor, in the shop's terms: whole orders (each one
/// replacing what was stored for it), product details and stock levels. Money in minor units.
public struct SyncBatch: Sendable, Equatable {
    /// A product as the till's catalogue describes it; found by SKU, else by name, created when new.
    public struct Product: Sendable, Equatable {
        public var sku: String?
        public var name: String
        public var category: String
        public var unitPrice: Int?
        public var unitCost: Int?

        public init(sku: String?, name: String, category: String = "", unitPrice: Int? = nil, unitCost: Int? = nil) {
            self.sku = sku
            self.name = name
            self.category = category
            self.unitPrice = unitPrice
            self.unitCost = unitCost
        }
    }

    /// One line of an order. `total` is what the line earned after its discount, tax and tips left out (the CSV
    /// rules); a returned line has a negative quantity and total.
    public struct Line: Sendable, Equatable {
        public var sku: String?
        public var name: String
        public var quantity: Int
        public var unitPrice: Int
        public var discount: Int
        public var total: Int

        public init(sku: String?, name: String, quantity: Int, unitPrice: Int, discount: Int = 0, total: Int) {
            self.sku = sku
            self.name = name
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.discount = discount
            self.total = total
        }
    }

    /// An order as it stands now. A cancelled or voided order has no lines: what was stored for it goes.
    public struct Order: Sendable, Equatable {
        public var id: String
        public var soldAt: Date
        public var location: String
        public var channel: String
        public var lines: [Line]

        public init(id: String, soldAt: Date, location: String = "", channel: String = "", lines: [Line]) {
            self.id = id
            self.soldAt = soldAt
            self.location = location
            self.channel = channel
            self.lines = lines
        }
    }

    /// How many of a product are at a location, as the till counted them at `countedAt`.
    public struct StockLevel: Sendable, Equatable {
        public var sku: String?
        public var name: String?
        public var location: String
        public var quantity: Int
        public var countedAt: Date

        public init(sku: String?, name: String?, location: String = "", quantity: Int, countedAt: Date) {
            self.sku = sku
            self.name = name
            self.location = location
            self.quantity = quantity
            self.countedAt = countedAt
        }
    }

    /// Rows of a sheet, read as a CSV of the same columns would be (the same detection, checks and writes).
    public struct Table: Sendable, Equatable {
        public var header: [String]
        /// The rows that changed since the last read, each with its row number in the sheet.
        public var rows: [[String]]
        public var sheetRows: [Int]
        /// What the rows are; nil: told by the header, as for an upload.
        public var kind: ImportKind?
        /// Rows gone from the sheet since the last read: said, not applied (a row deleted by mistake must not
        /// take the shop's stock with it).
        public var removed: Int

        public init(header: [String], rows: [[String]], sheetRows: [Int], kind: ImportKind?, removed: Int = 0) {
            self.header = header
            self.rows = rows
            self.sheetRows = sheetRows
            self.kind = kind
            self.removed = removed
        }
    }

    public var orders: [Order]
    public var products: [Product]
    public var stock: [StockLevel]
    public var table: Table?
    /// What the report should say beyond the counts ("2 lines sold by weight counted as whole units").
    public var notes: [String]

    public init(
        orders: [Order] = [], products: [Product] = [], stock: [StockLevel] = [], table: Table? = nil,
        notes: [String] = []
    ) {
        self.orders = orders
        self.products = products
        self.stock = stock
        self.table = table
        self.notes = notes
    }

    public var isEmpty: Bool { orders.isEmpty && products.isEmpty && stock.isEmpty && (table?.rows.isEmpty ?? true) }
}
