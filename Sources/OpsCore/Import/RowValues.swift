/// What the reading thread made of a row before the writing thread stores it.
enum RowValues: Sendable {
    /// Read and checked: only the writing is left.
    case sale(SalesRowReader.Values)
    /// Kinds whose rows are read where they are written: product lists, stock counts and rotas are small.
    case unread
}

/// Reads rows into `RowValues` on the reading thread: only sales, the kind that comes by the million.
struct RowReader: Sendable {
    private var sales: SalesRowReader?

    init(kind: ImportKind, dates: DateTimeParser, digits: Int) {
        sales = kind == .sales ? SalesRowReader(dates: dates, digits: digits) : nil
    }

    mutating func read(_ row: ImportRow) throws -> RowValues {
        guard row.fields.count == row.map.header.count else {
            throw RowProblem(
                column: nil, value: nil, message: "has \(row.fields.count) fields; the header has \(row.map.header.count)")
        }
        guard sales != nil else { return .unread }
        return .sale(try sales!.read(row))
    }
}
