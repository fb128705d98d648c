import Foundation

/// Shops for `opsbot-bench`, written straight into the tables an evaluation reads: faster than importing them,
/// and the reason this lives in the store's module (with `package` access, for the benchmark only).
package enum BenchmarkShop {
    static let insertProduct = """
        INSERT INTO products (org_id, sku, name, category, unit_price, reorder_point, lead_time_days,
                              created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertLevel =
        "INSERT INTO inventory_levels (product_id, location, quantity, counted_at) VALUES (?, '', ?, ?)"
    static let insertProductDay = """
        INSERT INTO daily_product_sales (product_id, day, units, revenue, cost, costed_revenue, lines)
        VALUES (?, ?, ?, ?, 0, 0, ?)
        """
    static let insertShopDays = """
        INSERT INTO daily_sales (org_id, day, units, revenue, cost, costed_revenue, orders, lines)
        SELECT ?, day, SUM(units), SUM(revenue), 0, 0, SUM(lines), SUM(lines) FROM daily_product_sales GROUP BY day
        """

    /// A product as the alert benchmark lays it out: its stock, and its units sold on each of `days`.
    package struct Item {
        package var sku: String
        package var name: String
        package var category: String
        package var unitPrice: Int
        package var reorderPoint: Int
        package var leadTimeDays: Int
        package var quantity: Int
        package var unitsByDay: [(day: String, units: Int)]

        package init(
            sku: String, name: String, category: String, unitPrice: Int, reorderPoint: Int, leadTimeDays: Int,
            quantity: Int, unitsByDay: [(day: String, units: Int)]
        ) {
            self.sku = sku
            self.name = name
            self.category = category
            self.unitPrice = unitPrice
            self.reorderPoint = reorderPoint
            self.leadTimeDays = leadTimeDays
            self.quantity = quantity
            self.unitsByDay = unitsByDay
        }
    }

    /// Writes `items` (each day's revenue at 2.50 a unit) and the shop's daily totals, in one transaction.
    package static func populate(_ store: Store, orgID: Int64, items: some Sequence<Item>, now: Date) throws {
        let at = Int64(now.timeIntervalSince1970)
        let database = store.database
        try store.write {
            for item in items {
                try database.execute(
                    insertProduct,
                    [
                        .integer(orgID), .text(item.sku), .text(item.name), .text(item.category), .int(item.unitPrice),
                        .int(item.reorderPoint), .int(item.leadTimeDays), .integer(at), .integer(at),
                    ])
                let id = database.lastInsertedRowID
                try database.execute(insertLevel, [.integer(id), .int(item.quantity), .integer(at)])
                for (day, units) in item.unitsByDay {
                    try database.execute(
                        insertProductDay, [.integer(id), .text(day), .int(units), .int(units * 250), .int(units)])
                }
            }
            try database.execute(insertShopDays, [.integer(orgID)])
        }
    }

    static let selectOpenLowStock = "SELECT product_id FROM alerts WHERE kind = 'low_stock' AND status = 'open' LIMIT ?"

    /// Products with an open low-stock alert, at most `limit`.
    package static func lowStockProducts(_ store: Store, limit: Int) throws -> [Int64] {
        try store.database.query(selectOpenLowStock, [.int(limit)]) { $0.int64(0) }
    }

    static let countSalesLines = "SELECT COUNT(*) FROM sales"

    package static func salesLineCount(_ store: Store) throws -> Int { try store.database.queryInt(countSalesLines) }
}
