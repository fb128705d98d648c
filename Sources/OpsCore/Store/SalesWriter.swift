import Foundation

/// Writes sales lines by their natural key and keeps the rollups in step, in the caller's transaction.
///
/// Use it through `Store.writeSales(org:_:)`, which flushes the rollups before committing, so lines and
/// rollups are never seen apart.
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
    private let insert: Statement
    private var indexes = DeferredIndexes()
    /// Lines stored before this writer began (the highest row id: counting would read the whole table).
    private let storedLines: Int
    private var insertedLines = 0

    init(database: Database, org: Org) throws {
        self.database = database
        self.org = org
        self.dayKeys = DayKeyCache(calendar: org.calendar)
        self.insert = try database.cachedStatement(Self.insertSQL)
        self.storedLines = try database.queryInt(Self.selectHighestID)
    }

    static let selectHighestID = "SELECT COALESCE(MAX(id), 0) FROM sales"

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
    /// Inserts the line, or updates the stored line with the same natural key when anything differs.
    @discardableResult
    public func upsert(_ line: SaleLine) throws -> Outcome {
        let seconds = Int64(line.soldAt.timeIntervalSince1970.rounded(.down))
        try database.execute(insert) { statement in
            try statement.bind(org.id, at: 1)
            try statement.bind(line.source, at: 2)
            try statement.bind(line.orderID, at: 3)
            try statement.bind(line.line, at: 4)
            try statement.bind(seconds, at: 5)
            try statement.bind(line.productID, at: 6)
            try statement.bind(line.quantity, at: 7)
            try statement.bind(line.unitPrice, at: 8)
            try statement.bind(line.discount, at: 9)
            try statement.bind(line.total, at: 10)
            try statement.bind(line.cost, at: 11)
            try statement.bind(line.location, at: 12)
            try statement.bind(line.channel, at: 13)
            try statement.bind(line.importID.map { Int($0) }, at: 14)
        }
        if database.changes == 1 {
            let (day, hour) = buckets(line.soldAt)
            deltas.add(
                productID: line.productID, day: day, hour: hour, location: line.location, order: line.orderKey,
                quantity: line.quantity, total: line.total, cost: line.cost, sign: 1)
            if deltas.pendingCount > RollupDeltas.spillLimit { try deltas.spill(to: database, orgID: org.id) }
            insertedLines += 1
            if insertedLines % 10_000 == 0, !indexes.isDeferring,
                DeferredIndexes.worthDeferring(inserted: insertedLines, stored: storedLines)
            {
                try indexes.drop(in: database)
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
            productID: old.productID, day: oldDay, hour: oldHour, location: old.location, order: old.orderKey,
            quantity: old.quantity, total: old.total, cost: old.cost, sign: -1)
        try database.execute(
            Self.updateSQL,
            [.integer(seconds), .integer(line.productID), .int(line.quantity), .int(line.unitPrice),
             .int(line.discount), .int(line.total), .optionalInt(line.cost), .text(line.location),
             .text(line.channel), line.importID.map { .integer($0) } ?? .null] + key)
        let (day, hour) = buckets(incoming.soldAt)
        deltas.add(
            productID: line.productID, day: day, hour: hour, location: line.location, order: line.orderKey,
            quantity: line.quantity, total: line.total, cost: line.cost, sign: 1)
        return .updated
    }

    private func buckets(_ date: Date) -> (day: CivilDate, hour: Int64) {
        (dayKeys.civilDate(for: date), RollupDeltas.hourStart(date))
    }

    /// Builds any indexes set aside and writes the gathered rollup changes. `Store.writeSales` calls it
    /// before committing.
    func flush() throws {
        try indexes.rebuild(in: database)
        try deltas.flush(to: database, org: org)
    }
}

@available(*, unavailable)
extension SalesWriter: Sendable {}

extension Store {
    /// Writes sales lines in one transaction with their rollups; nothing is kept if `body` throws.
    @discardableResult
    public func writeSales<T>(org: Org, _ body: (SalesWriter) throws -> T) throws -> T {
        try write {
            let writer = try SalesWriter(database: database, org: org)
            let result = try body(writer)
            try writer.flush()
            return result
        }
    }
}
