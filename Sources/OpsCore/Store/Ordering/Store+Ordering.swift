import Foundation

extension Store {
    static let selectOrderingTerms =
        "SELECT supplier, review_days, min_order, service_level FROM product_ordering WHERE product_id = ?"
    static let selectAllOrderingTerms = """
        SELECT o.product_id, o.supplier, o.review_days, o.min_order, o.service_level FROM product_ordering o
        JOIN products p ON p.id = o.product_id WHERE p.org_id = ?
        """
    static let upsertOrderingTerms = """
        INSERT INTO product_ordering (product_id, supplier, review_days, min_order, service_level)
        VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (product_id) DO UPDATE SET supplier = excluded.supplier, review_days = excluded.review_days,
            min_order = excluded.min_order, service_level = excluded.service_level
        """
    static let purchaseOrderColumns =
        "id, product_id, quantity, received, ordered_at, due_at, ordered_by, reminded_at, closed_at"
    static let insertPurchaseOrder = """
        INSERT INTO purchase_orders (org_id, product_id, quantity, ordered_at, due_at, ordered_by)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    static let selectOpenPurchaseOrders = """
        SELECT \(purchaseOrderColumns) FROM purchase_orders WHERE org_id = ? AND closed_at IS NULL
        ORDER BY COALESCE(due_at, ordered_at), id
        """
    static let selectOpenPurchaseOrdersOfProduct = """
        SELECT \(purchaseOrderColumns) FROM purchase_orders WHERE product_id = ? AND closed_at IS NULL
        ORDER BY COALESCE(due_at, ordered_at), id
        """

    /// The product's ordering terms, the defaults where none were set.
    public func orderingTerms(productID: Int64) throws -> OrderingTerms {
        try database.queryFirst(Self.selectOrderingTerms, [.integer(productID)], Self.decodeTerms) ?? OrderingTerms()
    }

    /// Every product's terms that differ from the defaults, by product id.
    public func orderingTerms(orgID: Int64) throws -> [Int64: OrderingTerms] {
        var result: [Int64: OrderingTerms] = [:]
        try database.forEachRow(Self.selectAllOrderingTerms, [.integer(orgID)]) { row in
            result[row.int64(0)] = OrderingTerms(
                supplier: row.optionalString(1), reviewDays: row.optionalInt(2) ?? OrderingTerms.defaultReviewDays,
                minimumOrder: row.optionalInt(3) ?? 0,
                serviceLevel: (row.isNull(4) ? nil : row.double(4)) ?? OrderingTerms.defaultServiceLevel)
        }
        return result
    }

    public func setOrderingTerms(_ terms: OrderingTerms, productID: Int64) throws {
        try database.execute(
            Self.upsertOrderingTerms,
            [
                .integer(productID), terms.supplier.map { .text($0) } ?? .null, .integer(Int64(terms.reviewDays)),
                .integer(Int64(terms.minimumOrder)), .real(terms.serviceLevel),
            ])
    }

    static func decodeTerms(_ row: Row) -> OrderingTerms {
        OrderingTerms(
            supplier: row.optionalString(0), reviewDays: row.optionalInt(1) ?? OrderingTerms.defaultReviewDays,
            minimumOrder: row.optionalInt(2) ?? 0,
            serviceLevel: (row.isNull(3) ? nil : row.double(3)) ?? OrderingTerms.defaultServiceLevel)
    }

    /// Records stock ordered; it counts as on order until received.
    @discardableResult
    public func recordPurchaseOrder(
        orgID: Int64, productID: Int64, quantity: Int, dueAt: Date?, orderedBy: String, now: Date
    ) throws -> Int64 {
        try database.execute(
            Self.insertPurchaseOrder,
            [
                .integer(orgID), .integer(productID), .integer(Int64(quantity)),
                .integer(Int64(now.timeIntervalSince1970)),
                dueAt.map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null, .text(orderedBy),
            ])
        return database.lastInsertedRowID
    }

    public func openPurchaseOrders(orgID: Int64) throws -> [PurchaseOrder] {
        try database.query(Self.selectOpenPurchaseOrders, [.integer(orgID)], Self.decodePurchaseOrder)
    }

    public func openPurchaseOrders(productID: Int64) throws -> [PurchaseOrder] {
        try database.query(Self.selectOpenPurchaseOrdersOfProduct, [.integer(productID)], Self.decodePurchaseOrder)
    }

    /// The product's latest orders, open or closed, newest first: its order history.
    public func purchaseOrders(productID: Int64, limit: Int) throws -> [PurchaseOrder] {
        try database.query(
            "SELECT \(Self.purchaseOrderColumns) FROM purchase_orders WHERE product_id = ? ORDER BY ordered_at DESC, id DESC LIMIT ?",
            [.integer(productID), .integer(Int64(limit))], Self.decodePurchaseOrder)
    }

    /// Units on order per product, from the open purchase orders.
    public func onOrder(orgID: Int64) throws -> [Int64: Int] {
        try openPurchaseOrders(orgID: orgID).reduce(into: [:]) { $0[$1.productID, default: 0] += $1.outstanding }
    }

    /// Books `quantity` received against the product's open orders, oldest first; an order received in full
    /// closes. Returns the units that matched no order (more came than was ordered).
    @discardableResult
    public func receivePurchaseOrders(productID: Int64, quantity: Int, now: Date) throws -> Int {
        var left = max(0, quantity)
        for order in try openPurchaseOrders(productID: productID) where left > 0 {
            let taken = min(left, order.outstanding)
            left -= taken
            let full = order.received + taken >= order.quantity
            try database.execute(
                "UPDATE purchase_orders SET received = received + ?, closed_at = ? WHERE id = ?",
                [
                    .integer(Int64(taken)), full ? .integer(Int64(now.timeIntervalSince1970)) : .null,
                    .integer(order.id),
                ])
        }
        return left
    }

    /// Closes every open order of the product: a stock count says what is really there.
    public func closePurchaseOrders(productID: Int64, now: Date) throws {
        try database.execute(
            "UPDATE purchase_orders SET closed_at = ? WHERE product_id = ? AND closed_at IS NULL",
            [.integer(Int64(now.timeIntervalSince1970)), .integer(productID)])
    }

    public func markPurchaseOrderReminded(id: Int64, now: Date) throws {
        try database.execute(
            "UPDATE purchase_orders SET reminded_at = ? WHERE id = ?",
            [.integer(Int64(now.timeIntervalSince1970)), .integer(id)])
    }

    static func decodePurchaseOrder(_ row: Row) -> PurchaseOrder {
        PurchaseOrder(
            id: row.int64(0), productID: row.int64(1), quantity: row.int(2), received: row.int(3),
            orderedAt: Date(timeIntervalSince1970: TimeInterval(row.int64(4))),
            dueAt: row.optionalInt(5).map { Date(timeIntervalSince1970: TimeInterval($0)) }, orderedBy: row.string(6),
            remindedAt: row.optionalInt(7).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            closedAt: row.optionalInt(8).map { Date(timeIntervalSince1970: TimeInterval($0)) })
    }
}
