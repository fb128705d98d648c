import Foundation

/// One data row with typed access to its mapped fields; a value that does not read raises a `RowProblem`
/// naming the column as the file names it.
struct ImportRow {
    let fields: [String]
    let line: Int
    let map: ColumnMap
    let numbers: NumberParser

    func column(_ field: ColumnMap.Field) -> String? { map[field].map { map.header[$0] } }

    /// The trimmed text of the field, or nil when the file has no such column or the cell is empty.
    func text(_ field: ColumnMap.Field) -> String? {
        guard let index = map[field], index < fields.count else { return nil }
        let value = fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    func problem(_ field: ColumnMap.Field, _ value: String?, _ message: String) -> RowProblem {
        RowProblem(column: column(field), value: value, message: message)
    }

    func money(_ field: ColumnMap.Field, digits: Int) throws -> Int? {
        guard let value = text(field) else { return nil }
        guard let amount = numbers.money(value, digits: digits) else {
            throw problem(field, value, "is not an amount of money")
        }
        return amount
    }

    func wholeNumber(_ field: ColumnMap.Field) throws -> Int? {
        guard let value = text(field) else { return nil }
        guard let number = numbers.wholeNumber(value) else {
            throw problem(field, value, numbers.isFraction(value) ? "is not a whole number" : "is not a number")
        }
        return number
    }

    func required<T>(_ value: T?, _ field: ColumnMap.Field, _ what: String) throws -> T {
        guard let value else { throw problem(field, nil, "is empty; \(what) is needed") }
        return value
    }
}
