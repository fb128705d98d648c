internal import CSQLite
import Foundation

/// A connection to one SQLite file: WAL journal, foreign keys on, statements cached by SQL text.
///
/// Confined to one thread or serial executor at a time; it is deliberately not `Sendable`.
/// Opening applies the schema migrations, so every `Database` value is at the current schema.
final class Database {
    let handle: OpaquePointer
    let path: String
    private var statements: [String: Statement] = [:]
    private var transactionDepth = 0
    /// Held shared while open; nil in memory, or where no lock file can be made (`writeDirectly`).
    private let fileLock: DatabaseFileLock?

    /// Opens (creating if needed) the database at `path` and migrates it to `migrations`.
    init(path: String, migrations: [Migration] = Schema.migrations) throws {
        Self.configureLibrary
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(connection)
            throw DatabaseError.cannotOpen(path: path, code: code, message: message)
        }
        self.handle = connection
        self.path = path
        self.fileLock = path == ":memory:" ? nil : DatabaseFileLock(databasePath: path)
        sqlite3_extended_result_codes(connection, 1)
        // Opening waits longer than a query would: another process may be migrating the file (a new shop's
        // file opened by several commands at once, on a loaded machine, takes more than 5 s to be let in).
        sqlite3_busy_timeout(connection, 60_000)
        do {
            try execute("PRAGMA foreign_keys = ON")
            if path != ":memory:" {
                // New files only (an existing one keeps its pages): a large import writes a quarter as many
                // pages, each twice (WAL, then checkpoint). About 6 % faster; queries as fast.
                try execute("PRAGMA page_size = 16384")
                try enterWAL()
                try execute("PRAGMA synchronous = NORMAL")
                // Up to 48 MB of pages: a large import touches several indexes at once and would otherwise
                // read back pages it just wrote. Memory is only taken as pages are used.
                try execute("PRAGMA cache_size = -49152")
            }
            try Migrator(migrations: migrations).migrate(self)
            sqlite3_busy_timeout(connection, 5_000)
        } catch let error as DatabaseError {
            statements.removeAll()
            sqlite3_close_v2(connection)
            if case .sqlite(let code, let message, _) = error, code & 0xff == SQLITE_NOTADB {
                throw DatabaseError.cannotOpen(path: path, code: code, message: message)
            }
            throw error
        }
    }

    /// Switches a file to WAL. Another process opening a new file at the same moment can hold the lock this
    /// needs, and SQLite then answers BUSY at once, without its busy handler: the switch is tried again for up to
    /// a minute, as the busy timeout would have waited.
    private func enterWAL() throws {
        let deadline = Date().addingTimeInterval(60)
        var wait: useconds_t = 2_000
        while true {
            do {
                _ = try queryValue("PRAGMA journal_mode = WAL")
                return
            } catch let error as DatabaseError where error.code.map({ $0 & 0xff == SQLITE_BUSY }) == true {
                guard Date() < deadline else { throw error }
                usleep(wait)
                wait = min(wait * 2, 100_000)
            }
        }
    }

    /// Process-wide settings, applied once before the first connection opens.
    private static let configureLibrary: Void = {
        _ = csqlite_disable_memory_statistics()
        // Statement journals keep SQLite's default (to a temporary file past 64 KB). Held in memory they made a
        // large import no faster in an interleaved A/B, and a statement that changes a whole table then held
        // every page in memory (+60 MB migrating a shop of a million lines); a larger spill size makes SQLite
        // 3.40 fail a CREATE INDEX in a transaction with SQLITE_FULL when the cache is small (`DeferredIndexes`).
    }()

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one statement (or, without values, several separated by `;`).
    func execute(_ sql: String, _ values: [SQLValue] = []) throws {
        if values.isEmpty && !isSingleStatement(sql) { return try executeScript(sql) }
        try run(sql, values) { statement in
            while try statement.step() {}
        }
    }

    /// Runs SQL without keeping a prepared statement: scripts, and DDL that runs once.
    func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        let message = errorMessage.map { String(cString: $0) }
        sqlite3_free(errorMessage)
        guard code == SQLITE_OK else {
            throw DatabaseError.sqlite(code: code, message: message ?? lastMessage, sql: sql)
        }
    }

    /// Runs a query and maps each row.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> [T] {
        try run(sql, values) { statement in
            var rows: [T] = []
            while try statement.step() { rows.append(try map(Row(statement: statement))) }
            return rows
        }
    }

    /// Runs a query and hands each row to `body`, collecting nothing: for scans too big to hold.
    func forEachRow(_ sql: String, _ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
        try run(sql, values) { statement in
            while try statement.step() { try body(Row(statement: statement)) }
        }
    }

    /// Runs a query and maps its first row, if any.
    func queryFirst<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (Row) throws -> T) throws -> T? {
        try run(sql, values) { statement in
            try statement.step() ? try map(Row(statement: statement)) : nil
        }
    }

    /// The first column of the first row, or `.null` when there is no row.
    func queryValue(_ sql: String, _ values: [SQLValue] = []) throws -> SQLValue {
        try queryFirst(sql, values) { $0.value(0) } ?? .null
    }

    /// The first column of the first row as an integer (0 when NULL or absent).
    func queryInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try queryFirst(sql, values) { $0.int(0) } ?? 0
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Nested calls become savepoints, so an inner failure undoes only the inner work.
    ///
    /// A commit can fail too (a deferred foreign key left unsatisfied, a full disk): the transaction is then
    /// rolled back as if `body` had thrown.
    func write<T>(_ body: () throws -> T) throws -> T {
        let savepoint = "sp\(transactionDepth)"
        try execute(transactionDepth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT \(savepoint)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            try execute(transactionDepth == 1 ? "COMMIT" : "RELEASE \(savepoint)")
            return result
        } catch {
            if transactionDepth == 1 {
                try? execute("ROLLBACK")
            } else {
                try? execute("ROLLBACK TO \(savepoint)")
                try? execute("RELEASE \(savepoint)")
            }
            throw error
        }
    }

    /// Runs `body` as `write` does, with SQLite's foreign-key checks off until it ends: for a bulk write that
    /// takes every reference it stores from rows read or written in the same transaction (`Importer`, sales), where
    /// the checks — a lookup in each parent table for every row — were a sixth of a million-line import. The
    /// cascades are off too: `body` must not delete a row others refer to. Inside a transaction SQLite ignores
    /// the switch, and `body` runs as `write` runs it, checked.
    func writeTrustingReferences<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0 else { return try write(body) }
        try execute("PRAGMA foreign_keys = OFF")
        let result = Result { try write(body) }
        // On again before anything else runs on this connection, whether the write was kept or not.
        try execute("PRAGMA foreign_keys = ON")
        return try result.get()
    }

    /// Runs `body`, a large write (an import of a big file), with the file written directly through a rollback
    /// journal rather than through the WAL, where every page is written twice: the second time by the
    /// checkpoint at the commit, a sixth of a million-line import. Only when this is the file's one OpsBot
    /// connection (`DatabaseFileLock`): readers elsewhere wait while a rollback-journal write holds the file,
    /// which WAL spares them. Otherwise, or inside a transaction, `body` just runs. The file is back in WAL
    /// mode after, whether `body` returned or threw; a crash in between leaves a journal that SQLite rolls
    /// back at the next open, which sets WAL again.
    func writeDirectly<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0, let fileLock, fileLock.takeAlone() else { return try body() }
        defer { fileLock.share() }
        // Refused when a connection without the lock (another tool) is reading: WAL, as any write. The main
        // database only: an attached one keeps its mode.
        guard try queryValue("PRAGMA main.journal_mode = DELETE") == .text("delete") else {
            fileLock.share()
            return try body()
        }
        let result = Result { () throws -> T in
            // A rollback journal is safe from a power cut only when synced at every step.
            try execute("PRAGMA main.synchronous = FULL")
            return try body()
        }
        // The write is settled either way: a failure to switch back must not report it failed. Should a reader
        // elsewhere hold the file past the busy timeout, this connection stays in rollback mode; the next open
        // of the file sets WAL again.
        try? execute("PRAGMA main.synchronous = NORMAL")
        _ = try? queryValue("PRAGMA main.journal_mode = WAL")
        return try result.get()
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Writes a consistent copy of the database to `path` (which must not exist yet).
    func backup(to path: String) throws {
        try execute("VACUUM INTO ?", [.text(path)])
    }

    private func run<T>(_ sql: String, _ values: [SQLValue], _ body: (Statement) throws -> T) throws -> T {
        try run(try cachedStatement(sql), values, body)
    }

    private func run<T>(_ statement: Statement, _ values: [SQLValue], _ body: (Statement) throws -> T) throws -> T {
        try run(statement, binding: { try $0.bind(values) }, body)
    }

    private func run<T>(
        _ statement: Statement, binding: (Statement) throws -> Void, _ body: (Statement) throws -> T
    ) throws -> T {
        defer { statement.reset() }
        do {
            try binding(statement)
            return try body(statement)
        } catch {
            // A statement that failed mid-step may hold state SQLite wants rebuilt; drop it from the cache.
            statements[statement.sql] = nil
            throw error
        }
    }

    /// Runs a statement the caller holds, for hot loops where looking it up by SQL text would cost.
    func execute(_ statement: Statement, _ values: [SQLValue]) throws {
        try run(statement, values) { statement in
            while try statement.step() {}
        }
    }

    /// Runs a statement the caller holds and binds itself (`Statement.bind(_:at:)`), for the hottest loops.
    func execute(_ statement: Statement, binding: (Statement) throws -> Void) throws {
        try run(statement, binding: binding) { statement in
            while try statement.step() {}
        }
    }

    func queryFirst<T>(_ statement: Statement, _ values: [SQLValue], _ map: (Row) throws -> T) throws -> T? {
        try run(statement, values) { statement in
            try statement.step() ? try map(Row(statement: statement)) : nil
        }
    }

    func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        let statement = try Statement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Whether nothing but white space follows the first `;`. Bytes, not Foundation's trimming: a migration's
    /// long script was bridged to NSString and back for every step.
    private func isSingleStatement(_ sql: String) -> Bool {
        let bytes = sql.utf8
        guard let semicolon = bytes.firstIndex(of: UInt8(ascii: ";")) else { return true }
        return bytes[bytes.index(after: semicolon)...].allSatisfy { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    private var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    func check(_ code: Int32, sql: String) throws {
        guard code == SQLITE_OK else { throw error(code: code, sql: sql) }
    }

    func error(code: Int32, sql: String) -> DatabaseError {
        .sqlite(code: code, message: lastMessage, sql: sql)
    }
}

@available(*, unavailable)
extension Database: Sendable {}

extension Database {
    /// The version of the SQLite library in use, such as "3.40.1".
    static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
