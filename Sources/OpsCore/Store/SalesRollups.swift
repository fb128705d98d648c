import Foundation

/// Recomputes an org's rollups from its sales lines, for when the buckets themselves change
/// (a new time zone moves lines to other local days).
struct SalesRollups {
    let database: Database
    let org: Org

    static let deleteProductDays = """
        DELETE FROM daily_product_sales WHERE product_id IN (SELECT id FROM products WHERE org_id = ?)
        """
    static let deleteDays = "DELETE FROM daily_sales WHERE org_id = ?"
    static let deleteHours = "DELETE FROM hourly_sales WHERE org_id = ?"
    static let selectLines = """
        SELECT source, order_id, sold_at, product_id, quantity, total, cost
        FROM sales WHERE org_id = ? ORDER BY source, order_id
        """

    /// Call inside a transaction.
    func rebuild() throws {
        let orgID = SQLValue.integer(org.id)
        try database.execute(Self.deleteProductDays, [orgID])
        try database.execute(Self.deleteDays, [orgID])
        try database.execute(Self.deleteHours, [orgID])

        var deltas = RollupDeltas()
        var dayKeys = DayKeyCache(calendar: org.calendar)
        var currentOrder = ""
        var orderDays: Set<String> = []
        var orderHours: Set<Int64> = []
        _ = try database.query(Self.selectLines, [orgID]) { row in
            let order = row.string(0) + "\u{1F}" + row.string(1)
            if order != currentOrder {
                currentOrder = order
                orderDays.removeAll(keepingCapacity: true)
                orderHours.removeAll(keepingCapacity: true)
            }
            let soldAt = Date(timeIntervalSince1970: TimeInterval(row.int64(2)))
            let day = dayKeys.key(for: soldAt)
            let hour = RollupDeltas.hourStart(soldAt)
            deltas.add(
                productID: row.int64(3), day: day, hour: hour, quantity: row.int(4), total: row.int(5),
                cost: row.optionalInt(6), sign: 1)
            deltas.countOrder(
                day: orderDays.insert(day).inserted ? day : nil, hour: orderHours.insert(hour).inserted ? hour : nil,
                sign: 1)
        }
        try deltas.flush(to: database, orgID: org.id)
    }
}
