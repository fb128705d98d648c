internal import CSQLite

/// A prepared statement. Owned by one `Database`, confined to its thread, reset after every use.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    private unowned let database: Database

    init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(database.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// "(?, ?), (?, ?)": `rows` groups of `columns` parameters, for an INSERT that writes several rows at once.
    static func placeholders(columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return Array(repeating: row, count: rows).joined(separator: ", ")
    }

    func bind(_ values: [SQLValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == values.count else {
            throw DatabaseError.sqlite(
                code: SQLITE_RANGE, message: "expected \(expected) values, got \(values.count)", sql: sql)
        }
        for offset in values.indices {
            let index = Int32(offset + 1)
            let code: Int32
            switch values[offset] {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let int): code = sqlite3_bind_int64(handle, index, int)
            case .real(let double): code = sqlite3_bind_double(handle, index, double)
            case .text(let string): code = sqlite3_bind_text(handle, index, string, -1, csqlite_transient())
            case .blob(let bytes):
                code = bytes.withUnsafeBytes {
                    sqlite3_bind_blob64(handle, index, $0.baseAddress, UInt64($0.count), csqlite_transient())
                }
            }
            try check(code)
        }
    }

    // Typed binding, for loops over a million rows: no array of values, and text goes straight from the
    // string's own bytes (a short string's implicit C conversion allocates).

    func bind(_ value: Int64, at index: Int32) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ value: Int, at index: Int32) throws { try bind(Int64(value), at: index) }

    func bind(_ value: Int?, at index: Int32) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try bind(Int64(value), at: index)
    }

    func bind(_ text: String, at index: Int32) throws {
        var text = text
        let code = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                guard let start = characters.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, nil) }
                return sqlite3_bind_text(handle, index, start, Int32(characters.count), csqlite_transient())
            }
        }
        try check(code)
    }

    /// Advances one row; false when the statement is done.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code: code, sql: sql)
        }
    }

    /// Throws SQLite's message for a failed call. The database is only looked at then: reaching an unowned
    /// reference costs an atomic retain, and a million-line import binds fourteen million values.
    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

@available(*, unavailable)
extension Statement: Sendable {}
