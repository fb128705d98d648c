/// Why one row of a file was not imported: where, what was there, and what was expected.
public struct RowError: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: String?
    public let value: String?
    public let message: String

    public init(line: Int, column: String? = nil, value: String? = nil, message: String) {
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    /// `line 14, column "Qty": "two" is not a number`.
    public var description: String {
        var text = "line \(line)"
        if let column { text += ", column \"\(column)\"" }
        text += ": "
        if let value { text += "\"\(value)\" " }
        return text + message
    }
}

/// A row-level problem raised while a row is read; becomes a `RowError` with the row's line.
struct RowProblem: Error {
    let column: String?
    let value: String?
    let message: String
}
