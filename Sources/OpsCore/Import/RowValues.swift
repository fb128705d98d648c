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

    init(sales: SalesRowReader?) { self.sales = sales }

    /// For kinds read where they are written: checks only that a row has as many fields as the header.
    static let unread = RowReader(sales: nil)

    /// Rollup sums to hand to the writer now, if any (`SalesRowReader.takeSums`).
    mutating func takeSums(last: Bool) -> RollupDeltas? { sales?.takeSums(last: last) }

    mutating func read(_ row: ImportRow) throws -> RowValues {
        guard row.fields.count == row.map.header.count else {
            throw RowProblem(
                column: nil, value: nil,
                message: "has \(row.fields.count) fields; the header has \(row.map.header.count)")
        }
        guard sales != nil else { return .unread }
        return .sale(try sales!.read(row))
    }
}
