import Foundation

/// Stock positions: what is low, how long it will last, and one product's state.
public struct StockMetrics {
    let database: Database
    let org: Org

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
    }

    /// One product's stock, with its recent selling rate.
    public struct Position: Sendable, Equatable {
        public let product: Product
        /// Units on hand over all locations; nil when never counted.
        public let quantity: Int?
        /// Average units sold per day over the last `rateDays` days.
        public let dailyRate: Double
        public let lastSoldAt: Date?
        public let countedAt: Date?

        /// Days until it runs out at the recent rate; nil when it is not selling.
        public var daysOfCover: Double? {
            guard let quantity, dailyRate > 0 else { return nil }
            return max(0, Double(quantity)) / dailyRate
        }

        public var isOut: Bool { (quantity ?? 1) <= 0 }

        public var isLow: Bool {
            guard let quantity, let reorderPoint = product.reorderPoint else { return false }
            return quantity <= reorderPoint
        }
    }

    /// The window of the selling rate behind days of cover.
    public static let rateDays = 28

    static let selectLow = """
        SELECT p.id, p.sku, p.name, p.category, p.unit_cost, p.unit_price, p.reorder_point, p.lead_time_days,
               p.pack_size, l.quantity, l.counted_at,
               (SELECT COALESCE(SUM(d.units), 0) FROM daily_product_sales d
                 WHERE d.product_id = p.id AND d.day >= ? AND d.day < ?) AS recent_units
        FROM products p
        JOIN (SELECT product_id, SUM(quantity) AS quantity, MAX(counted_at) AS counted_at
              FROM inventory_levels GROUP BY product_id) l ON l.product_id = p.id
        WHERE p.org_id = ? AND p.active = 1 AND p.reorder_point IS NOT NULL AND l.quantity <= p.reorder_point
        """
    static let selectPosition = """
        SELECT (SELECT SUM(quantity) FROM inventory_levels WHERE product_id = ?1),
               (SELECT MAX(counted_at) FROM inventory_levels WHERE product_id = ?1),
               (SELECT COALESCE(SUM(units), 0) FROM daily_product_sales WHERE product_id = ?1 AND day >= ?2 AND day < ?3),
               (SELECT MAX(sold_at) FROM sales WHERE product_id = ?1)
        """

    /// Products at or below their reorder point, most urgent first: out of stock, then fewest days of cover,
    /// then furthest below the reorder point.
    public func lowStock(now: Date) throws -> [Position] {
        let (from, to) = rateWindow(now)
        let positions = try database.query(Self.selectLow, [.text(from), .text(to), .integer(org.id)]) { row in
            Position(
                product: Store.decodeProduct(row), quantity: row.int(9),
                dailyRate: Double(row.int(11)) / Double(Self.rateDays), lastSoldAt: nil,
                countedAt: Date(timeIntervalSince1970: TimeInterval(row.int64(10))))
        }
        return positions.sorted(by: Self.moreUrgent)
    }

    /// The stock position of one product.
    public func position(of product: Product, now: Date) throws -> Position {
        let (from, to) = rateWindow(now)
        return try database.queryFirst(Self.selectPosition, [.integer(product.id), .text(from), .text(to)]) { row in
            Position(
                product: product, quantity: row.optionalInt(0),
                dailyRate: Double(row.int(2)) / Double(Self.rateDays),
                lastSoldAt: row.optionalInt(3).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                countedAt: row.optionalInt(1).map { Date(timeIntervalSince1970: TimeInterval($0)) })
        } ?? Position(product: product, quantity: nil, dailyRate: 0, lastSoldAt: nil, countedAt: nil)
    }

    /// The last `rateDays` whole local days before today.
    private func rateWindow(_ now: Date) -> (String, String) {
        let calendar = org.calendar
        return (calendar.dayKey(calendar.startOfDay(now, adding: -Self.rateDays)), calendar.dayKey(calendar.startOfDay(now)))
    }

    static func moreUrgent(_ a: Position, _ b: Position) -> Bool {
        if a.isOut != b.isOut { return a.isOut }
        let coverA = a.daysOfCover ?? .infinity
        let coverB = b.daysOfCover ?? .infinity
        if coverA != coverB { return coverA < coverB }
        let gapA = (a.quantity ?? 0) - (a.product.reorderPoint ?? 0)
        let gapB = (b.quantity ?? 0) - (b.product.reorderPoint ?? 0)
        if gapA != gapB { return gapA < gapB }
        return a.product.name < b.product.name
    }
}
