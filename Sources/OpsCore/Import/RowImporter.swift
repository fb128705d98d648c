import Foundation

/// What importing one row did. The date is the row's business time (sold at, counted at, shift start).
enum RowOutcome {
    case inserted(Date?)
    case updated(Date?)
    case unchanged(Date?)
    case skipped
}

/// What every kind's row importer shares: the store, the shop, the import being written, the parsers.
final class RowContext {
    let store: Store
    let org: Org
    let importID: Int64
    let numbers: NumberParser
    var dates: DateTimeParser
    let now: Date
    var digits: Int { org.currency.minorDigits }

    init(store: Store, org: Org, importID: Int64, numbers: NumberParser, dates: DateTimeParser, now: Date) {
        self.store = store
        self.org = org
        self.importID = importID
        self.numbers = numbers
        self.dates = dates
        self.now = now
    }

    func date(_ row: ImportRow, _ field: ColumnMap.Field, time: ColumnMap.Field? = nil, zone: TimeZone? = nil) throws -> Date? {
        try row.date(field, time: time, zone: zone, with: &dates)
    }
}

/// Turns rows of one kind into writes. One implementation per kind.
protocol RowImporter: AnyObject {
    /// Writes one row; `values` is what the reading thread made of it (`.unread` for kinds read here).
    func importRow(_ row: ImportRow, values: RowValues) throws -> RowOutcome
    /// Called once after the last row, inside the transaction (the sales importer writes its rollups here).
    func finish() throws
    /// Names of the products the import created.
    var newProducts: [String] { get }
}

extension RowImporter {
    func finish() throws {}
}

extension RowContext {
    func makeRowImporter(for kind: ImportKind) throws -> any RowImporter {
        switch kind {
        case .sales: return try SalesRowImporter(context: self)
        case .inventory: return try InventoryRowImporter(context: self)
        case .products: return try ProductRowImporter(context: self)
        case .shifts: return ShiftRowImporter(context: self)
        }
    }
}
