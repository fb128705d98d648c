/// A small monospace table that fits a phone: at most `maxWidth` characters a line.
public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        case left
        case right
    }

    public struct Column: Sendable, Equatable {
        public let title: String
        public let alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public static let maxWidth = 32

    public var columns: [Column]
    public var rows: [[String]]

    public init(columns: [Column], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The table as lines. Columns are separated by one space; when too wide, the first column is
    /// shortened with "…" (it holds names; the numbers matter more).
    public func rendered(maxWidth: Int = Table.maxWidth) -> String {
        let showHeader = columns.contains { !$0.title.isEmpty }
        // One line a row, whatever a cell holds: a name with a line break would leave its figures on their own.
        let allRows = ((showHeader ? [columns.map(\.title)] : []) + rows).map { $0.map(\.singleLine) }
        var widths = columns.indices.map { index in
            allRows.map { Self.width(index < $0.count ? $0[index] : "") }.max() ?? 0
        }
        let total = widths.reduce(0, +) + max(0, widths.count - 1)
        if total > maxWidth, !widths.isEmpty {
            widths[0] = max(4, widths[0] - (total - maxWidth))
        }
        return allRows.map { row in
            columns.indices.map { index in
                let cell = Self.fit(index < row.count ? row[index] : "", to: widths[index])
                let pad = String(repeating: " ", count: widths[index] - Self.width(cell))
                return columns[index].alignment == .left ? cell + pad : pad + cell
            }
            .joined(separator: " ")
            .trimmingTrailingSpaces()
        }
        .joined(separator: "\n")
    }

    static func width(_ text: String) -> Int { text.count }

    static func fit(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        return String(text.prefix(max(0, width - 1))) + "…"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
