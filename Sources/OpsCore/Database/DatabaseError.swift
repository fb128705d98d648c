/// An error from the SQLite store: the SQLite result code, SQLite's own message and the SQL that failed.
public enum DatabaseError: Error, CustomStringConvertible, Equatable {
    /// The file could not be opened (missing folder, no permission, not a database).
    case cannotOpen(path: String, code: Int32, message: String)
    /// A statement failed to prepare or to run.
    case sqlite(code: Int32, message: String, sql: String)
    /// The database was written by a newer OpsBot than this one.
    case newerSchema(found: Int, supported: Int)
    /// A column held a value of another type than the code expected.
    case unexpectedValue(column: String, expected: String, sql: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, _, let message):
            return "Cannot open the database at \(path): \(message)."
        case .sqlite(let code, let message, let sql):
            return "Database error \(code) (\(message)) in: \(sql)"
        case .newerSchema(let found, let supported):
            return "This database was written by a newer OpsBot (schema version \(found); this build knows up to"
                + " \(supported)). Upgrade OpsBot, or restore a backup made with this version."
        case .unexpectedValue(let column, let expected, let sql):
            return "Column \(column) did not hold \(expected) in: \(sql)"
        }
    }

    /// SQLite's primary result code, when the error came from SQLite.
    public var code: Int32? {
        switch self {
        case .cannotOpen(_, let code, _), .sqlite(let code, _, _): return code
        default: return nil
        }
    }

    /// True when a UNIQUE, CHECK, NOT NULL or FOREIGN KEY constraint refused the write.
    public var isConstraintViolation: Bool { code.map { $0 & 0xff == 19 } ?? false }
}
