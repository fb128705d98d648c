import Foundation

/// Sales lines: one row a line of an order. Creates unknown products; keeps rollups in step.
///
/// Without an order column, a row's order is its timestamp; without a line column, lines are numbered in
/// file order within their order, so re-importing the same export finds the same natural keys.
final class SalesRowImporter: RowImporter {
    private let context: RowContext
    private let catalog: ProductCatalog
    private let writer: SalesWriter
    private let source: String
    private var linesPerOrder: [String: Int] = [:]

    init(context: RowContext) throws {
        self.context = context
        self.catalog = try ProductCatalog(context: context)
        self.writer = try SalesWriter(database: context.store.database, org: context.org)
        self.source = "import"
    }

    var newProducts: [String] { catalog.created }

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        let digits = context.digits
        let zone = try row.text(.timeZone).map { name -> TimeZone in
            guard let zone = RailsTimeZones.zone(name) else {
                throw row.problem(.timeZone, name, "is not a time zone I know")
            }
            return zone
        }
        let soldAt: Date
        if row.map[.soldAt] != nil {
            soldAt = try row.required(try context.date(row, .soldAt, zone: zone), .soldAt, "the time of sale")
        } else {
            soldAt = try row.required(try context.date(row, .soldDate, time: .soldTime, zone: zone), .soldDate, "the date of sale")
        }
        let (sku, name) = try row.productKey()
        let quantity = try row.required(try row.wholeNumber(.quantity), .quantity, "the quantity")
        let unitPriceColumn = try row.money(.unitPrice, digits: digits)
        let discount = abs(try row.money(.discount, digits: digits) ?? 0)
        let gross = try row.money(.grossSales, digits: digits)
        let total: Int
        if let value = try row.money(.total, digits: digits) {
            total = value
        } else if let gross {
            total = gross - discount
        } else if let unitPriceColumn {
            total = quantity * unitPriceColumn - discount
        } else {
            throw RowProblem(
                column: row.column(.total) ?? row.column(.unitPrice) ?? row.column(.grossSales), value: nil,
                message: "is empty; a price or a line total is needed")
        }
        let unitPrice = unitPriceColumn
            ?? (quantity != 0 ? ((gross ?? (total + discount)) / quantity) : 0)
        let product = try catalog.resolve(
            sku: sku, name: name, category: row.text(.category), unitPrice: quantity > 0 ? unitPrice : nil)
        let cost = try row.money(.cost, digits: digits) ?? product.unitCost.map { $0 * quantity }

        let orderID = row.text(.orderID) ?? "@\(Int64(soldAt.timeIntervalSince1970))"
        let line: Int
        if let number = try row.wholeNumber(.line) {
            line = number
        } else {
            line = (linesPerOrder[orderID] ?? 0) + 1
            linesPerOrder[orderID] = line
        }
        let outcome = try writer.upsert(
            SaleLine(
                source: source, orderID: orderID, line: line, soldAt: soldAt, productID: product.id,
                quantity: quantity, unitPrice: unitPrice, discount: discount, total: total, cost: cost,
                location: row.text(.location) ?? "", channel: row.text(.channel) ?? "", importID: context.importID))
        switch outcome {
        case .inserted: return .inserted(soldAt)
        case .updated: return .updated(soldAt)
        case .unchanged: return .unchanged(soldAt)
        }
    }

    func finish() throws { try writer.flush() }
}
