import Foundation

/// Writes sales lines by their natural key and keeps the rollups in step, in the caller's transaction.
///
/// Use it through `Store.writeSales(org:_:)`, which flushes the rollups before committing, so lines and
/// rollups are never seen apart. An order counts once in every day and hour it has a line in.
public final class SalesWriter {
    public enum Outcome: Sendable, Equatable {
        case inserted
        case updated
        case unchanged
    }

    private let database: Database
    private let org: Org
    private var dayKeys: DayKeyCache
    private var deltas = RollupDeltas()
    /// The order, day and hour of the last inserted line: a following line of the same order in the
    /// same day and hour needs no look-up to know the order is already counted there.
    private var lastCounted: (source: String, orderID: String, day: String, hour: Int64)?

    init(database: Database, org: Org) {
        self.database = database
        self.org = org
        self.dayKeys = DayKeyCache(calendar: org.calendar)
    }

    static let insertSQL = """
        INSERT INTO sales (org_id, source, order_id, line, sold_at, product_id, quantity, unit_price, discount,
                           total, cost, location, channel, import_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, source, order_id, line) DO NOTHING
        """
    static let selectExisting = """
        SELECT sold_at, product_id, quantity, unit_price, discount, total, cost, location, channel
        FROM sales WHERE org_id = ? AND source = ? AND order_id = ? AND line = ?
        """
    static let updateSQL = """
        UPDATE sales SET sold_at = ?, product_id = ?, quantity = ?, unit_price = ?, discount = ?, total = ?, cost = ?,
                         location = ?, channel = ?, import_id = ?
        WHERE org_id = ? AND source = ? AND order_id = ? AND line = ?
        """
    // The unary + keeps SQLite on the natural-key index: an index on sold_at would scan a whole day.
    static let selectOtherLineInRange = """
        SELECT 1 FROM sales
        WHERE org_id = ? AND source = ? AND order_id = ? AND line <> ? AND +sold_at >= ? AND +sold_at < ? LIMIT 1
        """

    /// Inserts the line, or updates the stored line with the same natural key when anything differs.
    @discardableResult
    public func upsert(_ line: SaleLine) throws -> Outcome {
        let seconds = Int64(line.soldAt.timeIntervalSince1970.rounded(.down))
        try database.execute(
            Self.insertSQL,
            [.integer(org.id), .text(line.source), .text(line.orderID), .int(line.line), .integer(seconds),
             .integer(line.productID), .int(line.quantity), .int(line.unitPrice), .int(line.discount), .int(line.total),
             .optionalInt(line.cost), .text(line.location), .text(line.channel),
             line.importID.map { .integer($0) } ?? .null])
        if database.changes == 1 {
            let (day, hour) = buckets(line.soldAt)
            deltas.add(
                productID: line.productID, day: day, hour: hour, quantity: line.quantity, total: line.total,
                cost: line.cost, sign: 1)
            let counted = lastCounted.map {
                $0.source == line.source && $0.orderID == line.orderID && $0.day == day && $0.hour == hour
            } ?? false
            if !counted {
                // Most lines belong to an order seen for the first time: one look-up settles both buckets.
                if try hasOtherLine(line, from: .distantPast, to: .distantFuture) {
                    try countOrderIfFirst(line, at: line.soldAt, sign: 1)
                } else {
                    deltas.countOrder(day: day, hour: hour, sign: 1)
                }
                lastCounted = (line.source, line.orderID, day, hour)
            }
            return .inserted
        }
        return try updateIfChanged(line, seconds: seconds)
    }

    private func updateIfChanged(_ line: SaleLine, seconds: Int64) throws -> Outcome {
        let key: [SQLValue] = [.integer(org.id), .text(line.source), .text(line.orderID), .int(line.line)]
        guard let old = try database.queryFirst(Self.selectExisting, key, { row in
            SaleLine(
                source: line.source, orderID: line.orderID, line: line.line,
                soldAt: Date(timeIntervalSince1970: TimeInterval(row.int64(0))), productID: row.int64(1),
                quantity: row.int(2), unitPrice: row.int(3), discount: row.int(4), total: row.int(5),
                cost: row.optionalInt(6), location: row.string(7), channel: row.string(8), importID: line.importID)
        }) else {
            throw DatabaseError.unexpectedValue(column: "sales", expected: "the conflicting line", sql: Self.selectExisting)
        }
        var incoming = line
        incoming.soldAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        if old == incoming { return .unchanged }

        let (oldDay, oldHour) = buckets(old.soldAt)
        deltas.add(
            productID: old.productID, day: oldDay, hour: oldHour, quantity: old.quantity, total: old.total,
            cost: old.cost, sign: -1)
        try countOrderIfFirst(old, at: old.soldAt, sign: -1)
        try database.execute(
            Self.updateSQL,
            [.integer(seconds), .integer(line.productID), .int(line.quantity), .int(line.unitPrice),
             .int(line.discount), .int(line.total), .optionalInt(line.cost), .text(line.location),
             .text(line.channel), line.importID.map { .integer($0) } ?? .null] + key)
        let (day, hour) = buckets(incoming.soldAt)
        deltas.add(
            productID: line.productID, day: day, hour: hour, quantity: line.quantity, total: line.total,
            cost: line.cost, sign: 1)
        try countOrderIfFirst(line, at: incoming.soldAt, sign: 1)
        lastCounted = nil
        return .updated
    }

    /// Counts (or uncounts) the line's order in its day and hour unless another of its lines is there already.
    private func countOrderIfFirst(_ line: SaleLine, at date: Date, sign: Int) throws {
        let (dayStart, dayEnd) = dayKeys.bounds(for: date)
        let (day, hour) = buckets(date)
        let otherInDay = try hasOtherLine(line, from: dayStart, to: dayEnd)
        let otherInHour = try hasOtherLine(
            line, from: Date(timeIntervalSince1970: TimeInterval(hour)),
            to: Date(timeIntervalSince1970: TimeInterval(hour + 3600)))
        deltas.countOrder(day: otherInDay ? nil : day, hour: otherInHour ? nil : hour, sign: sign)
    }

    private func hasOtherLine(_ line: SaleLine, from: Date, to: Date) throws -> Bool {
        try database.queryFirst(
            Self.selectOtherLineInRange,
            [.integer(org.id), .text(line.source), .text(line.orderID), .int(line.line),
             .integer(Int64(from.timeIntervalSince1970)), .integer(Int64(to.timeIntervalSince1970))]
        ) { _ in true } ?? false
    }

    private func buckets(_ date: Date) -> (day: String, hour: Int64) {
        (dayKeys.key(for: date), RollupDeltas.hourStart(date))
    }

    /// Writes the gathered rollup changes. `Store.writeSales` calls it before committing.
    func flush() throws {
        try deltas.flush(to: database, orgID: org.id)
    }
}

@available(*, unavailable)
extension SalesWriter: Sendable {}

extension Store {
    /// Writes sales lines in one transaction with their rollups; nothing is kept if `body` throws.
    @discardableResult
    public func writeSales<T>(org: Org, _ body: (SalesWriter) throws -> T) throws -> T {
        try write {
            let writer = SalesWriter(database: database, org: org)
            let result = try body(writer)
            try writer.flush()
            return result
        }
    }
}
