import Foundation

extension Store {
    static let syncColumns = """
        source, cursor, interval_seconds, last_run_at, last_success_at, last_rows, total_rows, last_error, failures,
        notified_at, requested_at
        """

    /// The connectors the shop has, in the order they were first run.
    public func syncSources(orgID: Int64) throws -> [SyncSourceState] {
        try database.query(
            "SELECT \(Self.syncColumns) FROM sync_sources WHERE org_id = ? ORDER BY rowid", [.integer(orgID)],
            Self.decodeSyncSource)
    }

    public func syncSource(orgID: Int64, source: String) throws -> SyncSourceState? {
        try database.queryFirst(
            "SELECT \(Self.syncColumns) FROM sync_sources WHERE org_id = ? AND source = ?",
            [.integer(orgID), .text(source)], Self.decodeSyncSource)
    }

    /// The newest sale imported from a file (their lines' source is "import").
    public func lastImportedSale(orgID: Int64) throws -> Date? {
        try database.queryFirst(
            "SELECT MAX(sold_at) FROM sales WHERE org_id = ? AND source = 'import'", [.integer(orgID)]
        ) { $0.isNull(0) ? nil : Date(timeIntervalSince1970: TimeInterval($0.int64(0))) } ?? nil
    }

    /// Makes the source known (the scheduler, at start), with the interval the configuration gives it.
    public func registerSyncSource(orgID: Int64, source: String, interval: TimeInterval) throws {
        try database.execute(
            """
            INSERT INTO sync_sources (org_id, source, interval_seconds) VALUES (?, ?, ?)
            ON CONFLICT (org_id, source) DO UPDATE SET interval_seconds = excluded.interval_seconds
            """, [.integer(orgID), .text(source), .int(Int(interval.rounded()))])
    }

    /// `sync now`: the source (nil: every source) runs at the scheduler's next look. Returns how many were asked.
    @discardableResult
    public func requestSync(orgID: Int64, source: String?, now: Date) throws -> Int {
        try database.execute(
            "UPDATE sync_sources SET requested_at = ? WHERE org_id = ? AND (? IS NULL OR source = ?)",
            [.integer(Int64(now.timeIntervalSince1970)), .integer(orgID), .optionalText(source), .optionalText(source)])
        return database.changes
    }

    /// A run that stored what it read: the cursor moves on, in the same transaction as the rows.
    func recordSyncSuccess(orgID: Int64, source: String, cursor: String, rows: Int, now: Date) throws {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try database.execute(
            """
            INSERT INTO sync_sources (org_id, source) VALUES (?, ?) ON CONFLICT (org_id, source) DO NOTHING
            """, [.integer(orgID), .text(source)])
        try database.execute(
            """
            UPDATE sync_sources SET cursor = ?, last_run_at = ?, last_success_at = ?, last_rows = ?,
                total_rows = total_rows + ?, last_error = NULL, failures = 0, notified_at = NULL, requested_at = NULL
            WHERE org_id = ? AND source = ?
            """, [.text(cursor), at, at, .int(rows), .int(rows), .integer(orgID), .text(source)])
    }

    /// A run that failed; the cursor stays where it was, so the next run reads the same again.
    /// Returns the state after it.
    @discardableResult
    public func recordSyncFailure(orgID: Int64, source: String, error: String, now: Date) throws -> SyncSourceState? {
        try database.execute(
            """
            INSERT INTO sync_sources (org_id, source) VALUES (?, ?) ON CONFLICT (org_id, source) DO NOTHING
            """, [.integer(orgID), .text(source)])
        try database.execute(
            """
            UPDATE sync_sources SET last_run_at = ?, last_error = ?, failures = failures + 1, requested_at = NULL
            WHERE org_id = ? AND source = ?
            """, [.integer(Int64(now.timeIntervalSince1970)), .text(error), .integer(orgID), .text(source)])
        return try syncSource(orgID: orgID, source: source)
    }

    func markSyncFailureNotified(orgID: Int64, source: String, now: Date) throws {
        try database.execute(
            "UPDATE sync_sources SET notified_at = ? WHERE org_id = ? AND source = ?",
            [.integer(Int64(now.timeIntervalSince1970)), .integer(orgID), .text(source)])
    }

    static func decodeSyncSource(_ row: Row) -> SyncSourceState {
        func date(_ index: Int) -> Date? {
            row.isNull(index) ? nil : Date(timeIntervalSince1970: TimeInterval(row.int64(index)))
        }
        return SyncSourceState(
            source: row.string(0), cursor: row.string(1), interval: TimeInterval(row.int(2)), lastRunAt: date(3),
            lastSuccessAt: date(4), lastRows: row.int(5), totalRows: row.int(6), lastError: row.optionalString(7),
            failures: row.int(8), notifiedAt: date(9), requestedAt: date(10))
    }
}
