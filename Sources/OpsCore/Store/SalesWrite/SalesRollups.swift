import Foundation

/// Recomputes an org's rollups from its sales lines, for when the buckets themselves change
/// (a new time zone moves lines to other local days) or a new rollup is added.
struct SalesRollups {
    let database: Database
    let org: Org

    static let deleteProductDays = """
        DELETE FROM daily_product_sales WHERE product_id IN (SELECT id FROM products WHERE org_id = ?)
        """
    static let deleteProductMonths = """
        DELETE FROM monthly_product_sales WHERE product_id IN (SELECT id FROM products WHERE org_id = ?)
        """
    static let deleteProductYears = """
        DELETE FROM yearly_product_sales WHERE product_id IN (SELECT id FROM products WHERE org_id = ?)
        """
    static let deleteDays = "DELETE FROM daily_sales WHERE org_id = ?"
    static let deleteHours = "DELETE FROM hourly_sales WHERE org_id = ?"
    static let deleteLocationDays = "DELETE FROM daily_location_sales WHERE org_id = ?"
    static let selectLines = """
        SELECT sold_at, product_id, quantity, total, cost, location, source, order_id FROM sales WHERE org_id = ?
        """

    /// Call inside a transaction.
    func rebuild() throws {
        let orgID = SQLValue.integer(org.id)
        try database.execute(Self.deleteProductDays, [orgID])
        try database.execute(Self.deleteProductMonths, [orgID])
        try database.execute(Self.deleteProductYears, [orgID])
        try database.execute(Self.deleteDays, [orgID])
        try database.execute(Self.deleteHours, [orgID])
        try database.execute(Self.deleteLocationDays, [orgID])

        var deltas = RollupDeltas()
        var dayKeys = DayKeyCache(calendar: org.calendar)
        _ = try database.query(Self.selectLines, [orgID]) { row in
            let soldAt = Date(timeIntervalSince1970: TimeInterval(row.int64(0)))
            deltas.add(
                productID: row.int64(1), day: dayKeys.civilDate(for: soldAt), hour: RollupDeltas.hourStart(soldAt),
                location: row.string(5), order: SaleLine.orderKey(source: row.string(6), orderID: row.string(7)),
                quantity: row.int(2), total: row.int(3), cost: row.optionalInt(4), sign: 1)
        }
        try deltas.flush(to: database, org: org)
    }
}
