import Foundation

/// Sales lines: one row a line of an order, read by `SalesRowReader`. Creates unknown products; keeps
/// rollups in step.
final class SalesRowImporter: RowImporter {
    private let context: RowContext
    private let catalog: ProductCatalog
    private let writer: SalesWriter
    private let source = "import"

    init(context: RowContext) throws {
        self.context = context
        self.catalog = try ProductCatalog(context: context)
        self.writer = try SalesWriter(database: context.store.database, org: context.org)
    }

    var newProducts: [String] { catalog.created }

    func importRow(_ row: ImportRow, values: RowValues) throws -> RowOutcome {
        guard case .sale(let sale) = values else {
            preconditionFailure("sales rows are read by SalesRowReader on the reading thread")
        }
        let product = try catalog.resolve(
            sku: sale.sku, name: sale.name, category: sale.category, unitPrice: sale.quantity > 0 ? sale.unitPrice : nil)
        let outcome = try writer.upsert(
            SaleLine(
                source: source, orderID: sale.orderID, line: sale.line, soldAt: sale.soldAt, productID: product.id,
                quantity: sale.quantity, unitPrice: sale.unitPrice, discount: sale.discount, total: sale.total,
                cost: sale.cost ?? product.unitCost.map { $0 * sale.quantity }, location: sale.location,
                channel: sale.channel, importID: context.importID))
        switch outcome {
        case .inserted: return .inserted(sale.soldAt)
        case .updated: return .updated(sale.soldAt)
        case .unchanged: return .unchanged(sale.soldAt)
        }
    }

    func finish() throws { try writer.flush() }
}
