internal import CSQLite

/// The current row of a running statement. Valid only inside the closure it is handed to:
/// the statement moves on (or is reset) as soon as the closure returns.
struct Row {
    private let statement: Statement

    init(statement: Statement) { self.statement = statement }

    var count: Int { Int(sqlite3_column_count(statement.handle)) }

    func isNull(_ index: Int) -> Bool { sqlite3_column_type(statement.handle, Int32(index)) == SQLITE_NULL }

    func int64(_ index: Int) -> Int64 { sqlite3_column_int64(statement.handle, Int32(index)) }

    func int(_ index: Int) -> Int { Int(int64(index)) }

    func optionalInt(_ index: Int) -> Int? { isNull(index) ? nil : int(index) }

    func double(_ index: Int) -> Double { sqlite3_column_double(statement.handle, Int32(index)) }

    func string(_ index: Int) -> String {
        guard let text = sqlite3_column_text(statement.handle, Int32(index)) else { return "" }
        return String(cString: text)
    }

    func optionalString(_ index: Int) -> String? { isNull(index) ? nil : string(index) }

    /// The column's bytes, read in place by `body` (empty for NULL): no copy for a blob that is only decoded.
    func withBytes<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let column = Int32(index)
        let count = Int(sqlite3_column_bytes(statement.handle, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement.handle, column) else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func value(_ index: Int) -> SQLValue {
        let column = Int32(index)
        switch sqlite3_column_type(statement.handle, column) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement.handle, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement.handle, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }
}

@available(*, unavailable)
extension Row: Sendable {}
