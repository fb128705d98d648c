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
    private var insertBatch: Statement?
    private var indexes = DeferredIndexes()
    /// Lines stored before this writer began (the highest row id: counting would read the whole table).
    private let storedLines: Int
    private var insertedLines = 0
    /// Whether a line inserted so far names a location (`DeferredIndexes.locationIndex`).
    private var insertedLocations = false
    private var insertedOrder = DeferredIndexes.TimeOrder()
    /// The highest row id in `sales`: a line inserted later gets a higher one.
    private var highestID: Int64
    /// Whether the last batch met stored lines: an overlapping file goes on overlapping, and is then
    /// cheaper to write line by line.
    private var lastBatchOverlapped = false

    /// Whether the lines' rollup sums are gathered elsewhere, as if every line were new (`absorb`): the writer
    /// then only takes back the lines it finds stored before.
    private let summedElsewhere: Bool

    init(database: Database, org: Org, summedElsewhere: Bool = false) throws {
        self.database = database
        self.org = org
        self.summedElsewhere = summedElsewhere
        self.dayKeys = DayKeyCache(calendar: org.calendar)
        self.insert = try database.cachedStatement(Self.insertSQL)
        self.highestID = Int64(try database.queryInt(Self.selectHighestID))
        self.storedLines = Int(highestID)
    }

    static let selectHighestID = "SELECT COALESCE(MAX(id), 0) FROM sales"

    static let columnsPerLine: Int32 = 14
    /// `OR FAIL`: a NOT NULL column left empty stops the statement where it is instead of undoing the lines before
    /// it; with the foreign keys deferred (schema 11), SQLite then keeps no statement journal for a batch.
    /// Every caller rolls the transaction back on an error, so a batch is never kept in part.
    static func insertSQL(lines: Int) -> String {
        """
        INSERT OR FAIL INTO sales (org_id, source, order_id, line, sold_at, product_id, quantity, unit_price, discount,
                           total, cost, location, channel, import_id)
        VALUES \(Statement.placeholders(columns: Int(columnsPerLine), rows: lines))
        ON CONFLICT (org_id, source, order_id, line) DO NOTHING
        """
    }
    static let insertSQL = insertSQL(lines: 1)
    /// Lines written by one statement in `upsert(_:)`: SQLite opens its cursors (the table, the key index,
    /// the three parents of the foreign keys) once a statement, not once a line. A quarter faster at 64.
    public static let batchSize = 64
    static let insertBatchSQL = insertSQL(lines: batchSize)
    static let selectID = "SELECT id FROM sales WHERE org_id = ? AND source = ? AND order_id = ? AND line = ?"
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
        let seconds = Self.seconds(line.soldAt)
        try database.execute(insert) { statement in try bind(line, seconds: seconds, to: statement, from: 0) }
        if database.changes == 1 {
            highestID = database.lastInsertedRowID
            try recordInserted(line)
            return .inserted
        }
        return try updateIfChanged(line, seconds: seconds)
    }

    /// Upserts `lines` in order, as one `upsert` each would, writing full batches with one statement.
    public func upsert(_ lines: [SaleLine]) throws -> [Outcome] {
        guard lines.count == Self.batchSize, !lastBatchOverlapped else {
            let outcomes = try lines.map { try upsert($0) }
            lastBatchOverlapped = outcomes.contains { $0 != .inserted }
            return outcomes
        }
        let statement: Statement
        if let insertBatch {
            statement = insertBatch
        } else {
            statement = try database.cachedStatement(Self.insertBatchSQL)
            insertBatch = statement
        }
        let before = highestID
        try database.execute(statement) { statement in
            for (offset, line) in lines.enumerated() {
                try bind(
                    line, seconds: Self.seconds(line.soldAt), to: statement, from: Int32(offset) * Self.columnsPerLine)
            }
        }
        let inserted = database.changes
        if inserted > 0 { highestID = database.lastInsertedRowID }
        if inserted == lines.count {
            for line in lines { try recordInserted(line) }
            return Array(repeating: .inserted, count: lines.count)
        }
        // Some lines met stored ones or each other. SQLite inserted the first of each key it had not stored,
        // in order; settle the rest one by one against what is stored now, as writing them singly would have.
        lastBatchOverlapped = true
        var claimed: Set<Int64> = []
        return try lines.map { line in
            let key: [SQLValue] = [.integer(org.id), .text(line.source), .text(line.orderID), .int(line.line)]
            let id = try database.queryFirst(Self.selectID, key) { $0.int64(0) }
            if let id, id > before, claimed.insert(id).inserted {
                try recordInserted(line)
                return .inserted
            }
            return try updateIfChanged(line, seconds: Self.seconds(line.soldAt))
        }
    }

    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    private func bind(_ line: SaleLine, seconds: Int64, to statement: Statement, from base: Int32) throws {
        try statement.bind(org.id, at: base + 1)
        try statement.bind(line.source, at: base + 2)
        try statement.bind(line.orderID, at: base + 3)
        try statement.bind(line.line, at: base + 4)
        try statement.bind(seconds, at: base + 5)
        try statement.bind(line.productID, at: base + 6)
        try statement.bind(line.quantity, at: base + 7)
        try statement.bind(line.unitPrice, at: base + 8)
        try statement.bind(line.discount, at: base + 9)
        try statement.bind(line.total, at: base + 10)
        try statement.bind(line.cost, at: base + 11)
        try statement.bind(line.location, at: base + 12)
        try statement.bind(line.channel, at: base + 13)
        try statement.bind(line.importID.map { Int($0) }, at: base + 14)
    }

    /// Counts a newly stored line into the rollups; sets the secondary indexes aside once the import is large.
    private func recordInserted(_ line: SaleLine) throws {
        if !summedElsewhere {
            let (day, hour) = buckets(line.soldAt)
            deltas.add(
                productID: line.productID, day: day, hour: hour, location: line.location, order: line.orderKey,
                quantity: line.quantity, total: line.total, cost: line.cost, sign: 1)
        }
        if deltas.pendingCount > RollupDeltas.spillLimit {
            try deltas.spill(to: database, orgID: org.id, final: false)
        }
        insertedLines += 1
        if !insertedLocations, !line.location.isEmpty { insertedLocations = true }
        insertedOrder.add(Self.seconds(line.soldAt))
        if insertedLines % 10_000 == 0 {
            for group in DeferredIndexes.Group.allCases
            where !indexes.isDeferring(group)
                && DeferredIndexes.worthDeferring(
                    group, inserted: insertedLines, stored: storedLines, inTimeOrder: insertedOrder.isKept)
            {
                try indexes.drop(group, in: database, linesHaveLocations: insertedLocations)
            }
        }
    }

    private func updateIfChanged(_ line: SaleLine, seconds: Int64) throws -> Outcome {
        let key: [SQLValue] = [.integer(org.id), .text(line.source), .text(line.orderID), .int(line.line)]
        guard
            let old = try database.queryFirst(
                Self.selectExisting, key,
                { row in
                    SaleLine(
                        source: line.source, orderID: line.orderID, line: line.line,
                        soldAt: Date(timeIntervalSince1970: TimeInterval(row.int64(0))), productID: row.int64(1),
                        quantity: row.int(2), unitPrice: row.int(3), discount: row.int(4), total: row.int(5),
                        cost: row.optionalInt(6), location: row.string(7), channel: row.string(8),
                        importID: line.importID)
                })
        else {
            throw DatabaseError.unexpectedValue(
                column: "sales", expected: "the conflicting line", sql: Self.selectExisting)
        }
        var incoming = line
        incoming.soldAt = Date(timeIntervalSince1970: TimeInterval(seconds))
        // Summed elsewhere, the incoming line was counted as new: what was stored is taken back either way.
        if old == incoming && !summedElsewhere { return .unchanged }
        let (oldDay, oldHour) = buckets(old.soldAt)
        deltas.add(
            productID: old.productID, day: oldDay, hour: oldHour, location: old.location, order: old.orderKey,
            quantity: old.quantity, total: old.total, cost: old.cost, sign: -1)
        if old == incoming { return .unchanged }

        try database.execute(
            Self.updateSQL,
            [
                .integer(seconds), .integer(line.productID), .int(line.quantity), .int(line.unitPrice),
                .int(line.discount), .int(line.total), .optionalInt(line.cost), .text(line.location),
                .text(line.channel), line.importID.map { .integer($0) } ?? .null,
            ] + key)
        if !summedElsewhere {
            let (day, hour) = buckets(incoming.soldAt)
            deltas.add(
                productID: line.productID, day: day, hour: hour, location: line.location, order: line.orderKey,
                quantity: line.quantity, total: line.total, cost: line.cost, sign: 1)
        }
        return .updated
    }

    static let selectLinesFrom = """
        SELECT line, sold_at, product_id, quantity, total, cost, location FROM sales
        WHERE org_id = ? AND source = ? AND order_id = ? AND line >= ?
        """
    static let deleteLinesFrom = "DELETE FROM sales WHERE org_id = ? AND source = ? AND order_id = ? AND line >= ?"

    /// Removes the order's stored lines numbered `first` and up, taking them out of the rollups: an order read
    /// again whole (a till's API) that now has fewer lines, or none once cancelled. Returns how many went.
    @discardableResult
    public func removeLines(source: String, orderID: String, from first: Int) throws -> Int {
        let key: [SQLValue] = [.integer(org.id), .text(source), .text(orderID), .int(first)]
        let stored = try database.query(Self.selectLinesFrom, key) { row in
            (
                soldAt: Date(timeIntervalSince1970: TimeInterval(row.int64(1))), productID: row.int64(2),
                quantity: row.int(3), total: row.int(4), cost: row.optionalInt(5), location: row.string(6)
            )
        }
        guard !stored.isEmpty else { return 0 }
        let orderKey = SaleLine.orderKey(source: source, orderID: orderID)
        for line in stored {
            let (day, hour) = buckets(line.soldAt)
            deltas.add(
                productID: line.productID, day: day, hour: hour, location: line.location, order: orderKey,
                quantity: line.quantity, total: line.total, cost: line.cost, sign: -1)
        }
        try database.execute(Self.deleteLinesFrom, key)
        return stored.count
    }

    private func buckets(_ date: Date) -> (day: CivilDate, hour: Int64) {
        (dayKeys.civilDate(for: date), RollupDeltas.hourStart(date))
    }

    /// Writes rollup sums gathered elsewhere for this writer's lines (see `summedElsewhere`); `productIDs` turns
    /// their provisional product ids into stored ones.
    func absorb(_ sums: RollupDeltas, last: Bool, productIDs: (Int64) -> Int64) throws {
        try deltas.absorb(sums, last: last, to: database, orgID: org.id, productIDs: productIDs)
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
