/// What the reading thread made of a row before the writing thread stores it.
enum RowValues: Sendable {
    /// Read and checked: only the writing is left.
    case sale(SalesRowReader.Values)
    /// A payment whose items are listed in one column (Square's Transactions export): a line per item.
    case sales([SalesRowReader.Values])
    /// A sales line left out of net revenue (voided, cancelled, open, a gift card), with what it would have added.
    case excluded(SalesRowReader.Exclusion)
    /// Not a line at all: a blank row, a spreadsheet's TOTAL row, an export's sale or payment summary row.
    case notALine(NotALine)
    /// Kinds whose rows are read where they are written: product lists, stock counts and rotas are small.
    case unread

    enum NotALine: Sendable, Equatable {
        case blank
        case total
        /// A row the export writes besides its item lines (Lightspeed X-series' "Sale" and "Payment" rows).
        case summary
    }
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
        if let notALine = Self.notALine(row) { return .notALine(notALine) }
        guard row.fields.count == row.map.header.count else {
            throw RowProblem(
                column: nil, value: nil,
                message: "has \(row.fields.count) fields; the header has \(row.map.header.count)")
        }
        guard sales != nil else { return .unread }
        return try sales!.read(row)
    }

    static let totalWords: Set<[UInt8]> = Set(
        ["total", "totals", "grandtotal", "subtotal", "sum", "summe", "totaal"].map { Array($0.utf8) })

    /// "TOTAL", "Grand Total:", "Totals" — its letters, lowercased, are a total word. Read from the bytes: this
    /// runs for every row that starts with one of their letters.
    static func isTotalWord(_ text: String) -> Bool {
        var letters: [UInt8] = []
        for byte in text.utf8 {
            if letters.count > 12 { return false }
            let lower = byte | 0x20
            if lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z") {
                letters.append(lower)
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                return false
            }
        }
        return totalWords.contains(letters)
    }

    /// A blank row (every cell empty: a spreadsheet's empty line), or a TOTAL row: its first cell with text says
    /// "Total" and it has no date of its own. Cheap for ordinary rows: most have text in their first cell.
    static func notALine(_ row: ImportRow) -> RowValues.NotALine? {
        guard let first = row.fields.firstIndex(where: { !ImportRow.trimmed($0).isEmpty }) else { return .blank }
        // Looked at closely only when it starts as a total word does: most rows start with a digit or an id.
        guard let initial = row.fields[first].utf8.first(where: { $0 != 0x20 }),
            [UInt8(ascii: "t"), UInt8(ascii: "g"), UInt8(ascii: "s")].contains(initial | 0x20)
        else { return nil }
        guard isTotalWord(row.fields[first]) else { return nil }
        let dated: [ColumnMap.Field] = [.soldAt, .soldDate, .countedAt, .startsAt, .shiftDate]
        let dateCells = dated.compactMap { row.map[$0] }.filter { $0 != first && $0 < row.fields.count }
        return dateCells.allSatisfy { ImportRow.trimmed(row.fields[$0]).isEmpty } ? .total : nil
    }
}
