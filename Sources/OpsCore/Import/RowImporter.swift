import Foundation

/// What importing one row did. The date is the row's business time (sold at, counted at, shift start).
enum RowOutcome {
    case inserted(Date?)
    case updated(Date?)
    case unchanged(Date?)
    case skipped
}

/// What the rows written so far did, added up for the report. Sales lines are written a batch at a time, so
/// importers add outcomes when they know them rather than as each row is handed over.
struct RowOutcomes {
    var inserted = 0
    var updated = 0
    var unchanged = 0
    var skipped = 0
    var firstAt: Date?
    var lastAt: Date?

    mutating func add(_ outcome: RowOutcome) {
        switch outcome {
        case .inserted(let at): inserted += 1; note(at)
        case .updated(let at): updated += 1; note(at)
        case .unchanged(let at): unchanged += 1; note(at)
        case .skipped: skipped += 1
        }
    }

    private mutating func note(_ date: Date?) {
        guard let date else { return }
        if firstAt.map({ date < $0 }) ?? true { firstAt = date }
        if lastAt.map({ date > $0 }) ?? true { lastAt = date }
    }
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

    func date(_ row: ImportRow, _ field: ColumnMap.Field, time: ColumnMap.Field? = nil, zone: TimeZone? = nil) throws
        -> Date?
    {
        try row.date(field, time: time, zone: zone, with: &dates)
    }
}

/// Turns rows of one kind into writes. One implementation per kind.
protocol RowImporter: AnyObject {
    /// Writes one row, or takes it to write with others; `values` is what the reading thread made of it
    /// (`.unread` for kinds read here). Adds to `outcomes` what the rows written so far did.
    func importRow(_ row: ImportRow, values: RowValues, into outcomes: inout RowOutcomes) throws
    /// Called once after the last row, inside the transaction: writes what is left (the sales importer its
    /// last lines and the rollups).
    func finish(into outcomes: inout RowOutcomes) throws
    /// Names of the products the import created.
    var newProducts: [String] { get }
    /// What the report should say about the rows beyond their counts ("2 counts below zero: …").
    var notes: [String] { get }
    /// What reads this kind's rows on the reading thread.
    func rowReader(dates: DateTimeParser, digits: Int) -> RowReader
    /// Writes rollup sums the reading thread gathered (`last` for the final ones), inside the transaction.
    func absorb(_ sums: RollupDeltas, last: Bool) throws
}

extension RowImporter {
    func rowReader(dates _: DateTimeParser, digits _: Int) -> RowReader { .unread }

    func absorb(_: RollupDeltas, last _: Bool) throws {}

    var notes: [String] { [] }
}

/// The kinds that write each row as it comes and know at once what it did.
protocol SingleRowImporter: RowImporter {
    func importRow(_ row: ImportRow) throws -> RowOutcome
}

extension SingleRowImporter {
    func importRow(_ row: ImportRow, values _: RowValues, into outcomes: inout RowOutcomes) throws {
        outcomes.add(try importRow(row))
    }

    func finish(into _: inout RowOutcomes) throws {}
}

extension RowContext {
    func makeRowImporter(for kind: ImportKind) throws -> any RowImporter {
        switch kind {
        case .sales: return try SalesRowImporter(context: self)
        case .inventory: return try InventoryRowImporter(context: self)
        case .products: return try ProductRowImporter(context: self)
        case .shifts: return ShiftRowImporter(context: self)
        case .reviews: return ReviewRowImporter(context: self)
        }
    }
}
