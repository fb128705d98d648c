import Foundation

/// One data row with typed access to its mapped fields; a value that does not read raises a `RowProblem`
/// naming the column as the file names it.
///
/// A class, so that handing a row from the reading thread to the writing one is one reference, not a copy
/// of every field.
final class ImportRow: Sendable {
    let fields: [String]
    let line: Int
    let map: ColumnMap
    let numbers: NumberParser

    init(fields: [String], line: Int, map: ColumnMap, numbers: NumberParser) {
        self.fields = fields
        self.line = line
        self.map = map
        self.numbers = numbers
    }

    func column(_ field: ColumnMap.Field) -> String? { map[field].map { map.header[$0] } }

    /// The trimmed text of the field, or nil when the file has no such column or the cell is empty.
    func text(_ field: ColumnMap.Field) -> String? {
        guard let index = map[field], index < fields.count else { return nil }
        let value = Self.trimmed(fields[index])
        return value.isEmpty ? nil : value
    }

    /// `text` on one line, for what is shown as a name (a category, a location): a line break inside a quoted
    /// cell is a space.
    func label(_ field: ColumnMap.Field) -> String? { text(field)?.singleLine }

    func problem(_ field: ColumnMap.Field, _ value: String?, _ message: String) -> RowProblem {
        RowProblem(column: column(field), value: value, message: message)
    }

    func money(_ field: ColumnMap.Field, digits: Int) throws -> Int? {
        guard let value = text(field) else { return nil }
        guard let amount = numbers.money(value, digits: digits), abs(amount) <= ImportLimits.maxMinorUnits else {
            if numbers.isTooLarge(value) || numbers.money(value, digits: digits) != nil {
                throw problem(field, value, "is too large (at most \(ImportLimits.maxAmountText(digits: digits)))")
            }
            throw problem(field, value, "is not an amount of money")
        }
        return amount
    }

    func wholeNumber(_ field: ColumnMap.Field) throws -> Int? {
        guard let value = text(field) else { return nil }
        guard let number = numbers.wholeNumber(value), abs(number) <= ImportLimits.maxQuantity else {
            if numbers.isTooLarge(value) || numbers.wholeNumber(value) != nil {
                throw problem(field, value, "is too large (at most \(ImportLimits.maxQuantityText))")
            }
            throw problem(field, value, numbers.isFraction(value) ? "is not a whole number" : "is not a number")
        }
        return number
    }

    /// `a × b` for amounts read from the row, or a problem naming `field` when the product leaves the limits.
    func product(_ a: Int, _ b: Int, _ field: ColumnMap.Field, digits: Int) throws -> Int {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, abs(result) <= ImportLimits.maxMinorUnits else {
            throw problem(
                field, text(field),
                "makes a line total too large (at most \(ImportLimits.maxAmountText(digits: digits)))")
        }
        return result
    }

    /// The product a row names: its SKU and its name with any real variant ("Latte (Large)", "Tee (Red / M)";
    /// not Square's "Regular" or Shopify's "Default Title"). At least one of the two is there, or the row is
    /// refused.
    func productKey(variantApplies: Bool = true) throws -> (sku: String?, name: String?) {
        let sku = label(.sku)
        var name = label(.name)
        if variantApplies, let base = name { name = Self.named(base, variants: variants) }
        guard sku != nil || name != nil else {
            throw RowProblem(
                column: column(.sku) ?? column(.name), value: nil, message: "is empty; a SKU or product name is needed")
        }
        return (sku, name)
    }

    static let plainVariants: Set<String> = ["default title", "regular", "default", "none", "-", "n/a"]

    /// The row's variant parts (option values, size, type), less the ones that mean "no variant".
    var variants: [String] {
        let varying = map.varyingParts
        let product = varying == nil ? "" : (text(.name) ?? "").lowercased()
        return [ColumnMap.Field.variant, .variant2, .variant3].compactMap { field in
            guard let value = label(field), !Self.plainVariants.contains(value.lowercased()) else { return nil }
            if let varying, field != .variant, varying[field]?.contains(product) != true { return nil }
            return value
        }
    }

    /// "Tee" with ["Red", "M"] is "Tee (Red / M)".
    static func named(_ base: String, variants: [String]) -> String {
        variants.isEmpty ? base : "\(base) (\(variants.joined(separator: " / ")))"
    }

    /// The field's date (with a separate time column's time), read by `parser`; nil when the cell is empty.
    func date(
        _ field: ColumnMap.Field, time: ColumnMap.Field? = nil, zone: TimeZone? = nil, with parser: inout DateTimeParser
    ) throws -> Date? {
        guard let text = text(field) else { return nil }
        let timeText = time.flatMap { self.text($0) }
        guard let date = parser.parse(date: text, time: timeText, zone: zone) else {
            throw problem(
                field, timeText.map { text + " " + $0 } ?? text, "is not a date (expected e.g. 2024-03-05 14:03)")
        }
        return date
    }

    func required<T>(_ value: T?, _ field: ColumnMap.Field, _ what: String) throws -> T {
        guard let value else { throw problem(field, nil, "is empty; \(what) is needed") }
        return value
    }

    /// Without spaces, tabs or line breaks at either end. Most cells have none, and then cost one look at
    /// each end (Foundation's trimming goes through NSString on Linux, slow over a million rows).
    static func trimmed(_ text: String) -> String {
        // Through the bytes themselves: `utf8.last` walks String's index machinery, a fiftieth of the reading
        // thread of a million-line import.
        var text = text
        let plain = text.withUTF8 { bytes in bytes.isEmpty || (!isSpace(bytes[0]) && !isSpace(bytes[bytes.count - 1])) }
        return plain ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xC2  // 0xC2: first byte of NBSP
    }
}
