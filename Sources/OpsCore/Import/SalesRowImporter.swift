import Foundation

/// Sales lines: one row a line of an order, read and summed into the rollups by `SalesRowReader` on the
/// reading thread, written `SalesWriter.batchSize` at a time here. Creates unknown products.
final class SalesRowImporter: RowImporter {
    private let context: RowContext
    private let catalog: ProductCatalog
    private let writer: SalesWriter
    private let source = "import"
    /// Lines waiting to be written as one batch.
    private var pending: [SaleLine] = []
    private(set) var tally = ExclusionTally()

    init(context: RowContext) throws {
        self.context = context
        self.catalog = try ProductCatalog(context: context)
        self.writer = try SalesWriter(database: context.store.database, org: context.org, summedElsewhere: true)
    }

    func rowReader(dates: DateTimeParser, digits: Int) -> RowReader {
        RowReader(
            sales: SalesRowReader(
                dates: dates, digits: digits, products: catalog.index, calendar: context.org.calendar))
    }

    func absorb(_ sums: RollupDeltas, last: Bool) throws {
        try writer.absorb(sums, last: last) { [catalog] id in
            // Sums arrive after the rows that first named their new products, so these exist by now.
            guard let number = SalesRowReader.newProductNumber(rollupID: id) else { return id }
            guard let stored = catalog.createdID(number) else {
                preconditionFailure("rollup sums came before the row naming their new product")
            }
            return stored
        }
    }

    var newProducts: [String] { catalog.created }

    func importRow(_ row: ImportRow, values: RowValues, into outcomes: inout RowOutcomes) throws {
        switch values {
        case .sale(let sale): try take(sale, into: &outcomes)
        case .sales(let lines): for sale in lines { try take(sale, into: &outcomes) }
        case .excluded(let exclusion):
            tally.add(exclusion)
            outcomes.add(.skipped)
        case .notALine, .unread:
            preconditionFailure("sales rows are read by SalesRowReader on the reading thread")
        }
    }

    private func take(_ sale: SalesRowReader.Values, into outcomes: inout RowOutcomes) throws {
        if sale.leftOut != .none { tally.add(sale.leftOut) }
        let product = try catalog.entry(
            for: sale.product, sku: sale.sku, name: sale.name, category: sale.category,
            unitPrice: sale.quantity > 0 ? sale.unitPrice : nil)
        pending.append(
            SaleLine(
                source: source, orderID: sale.orderID, line: sale.line, soldAt: sale.soldAt, productID: product.id,
                quantity: sale.quantity, unitPrice: sale.unitPrice, discount: sale.discount, total: sale.total,
                cost: sale.cost, location: sale.location, channel: sale.channel, importID: context.importID))
        if pending.count == SalesWriter.batchSize { try writePending(into: &outcomes) }
    }

    func finish(into outcomes: inout RowOutcomes) throws {
        try writePending(into: &outcomes)
        try writer.flush()
    }

    private func writePending(into outcomes: inout RowOutcomes) throws {
        for (line, outcome) in zip(pending, try writer.upsert(pending)) {
            switch outcome {
            case .inserted: outcomes.add(.inserted(line.soldAt))
            case .updated: outcomes.add(.updated(line.soldAt))
            case .unchanged: outcomes.add(.unchanged(line.soldAt))
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
