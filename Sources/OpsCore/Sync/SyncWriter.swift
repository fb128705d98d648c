import Foundation

/// Stores what a connector read, the way a CSV import stores a file: one transaction holding the lines (by their
/// natural key, the rollups in step), the stock levels, an entry in the imports log, the alerts evaluated on the
/// result and the connector's new cursor. A crash or an error leaves the cursor where it was, so the next run
/// reads the same again and stores it once.
public struct SyncWriter {
    let store: Store
    let org: Org
    let alertRecipients: AlertRecipients?

    public init(store: Store, org: Org, alertRecipients: AlertRecipients? = AlertRecipients()) {
        self.store = store
        self.org = org
        self.alertRecipients = alertRecipients
    }

    static let updateProduct = """
        UPDATE products SET name = ?, category = CASE WHEN ? <> '' THEN ? ELSE category END,
            unit_price = COALESCE(?, unit_price), unit_cost = COALESCE(?, unit_cost), updated_at = ?
        WHERE id = ? AND (name <> ? OR (? <> '' AND category <> ?) OR (? IS NOT NULL AND unit_price IS NOT ?)
            OR (? IS NOT NULL AND unit_cost IS NOT ?))
        """
    static let selectLevel = "SELECT quantity FROM inventory_levels WHERE product_id = ? AND location = ?"

    /// Stores `batch` from `source` ("square") and moves its cursor to `cursor`. `label` names the run in the
    /// imports log ("Square sync").
    public func apply(_ batch: SyncBatch, source: String, label: String, cursor: String, now: Date) throws
        -> SyncReport
    {
        let previous = try store.syncSource(orgID: org.id, source: source)
        return try store.write {
            var report = SyncReport()
            report.notes = batch.notes
            if let table = batch.table, !table.rows.isEmpty {
                try importTable(table, label: label, now: now, into: &report)
            } else if !batch.isEmpty {
                try write(batch, source: source, label: label, now: now, into: &report)
            }
            if let removed = batch.table?.removed, removed > 0 {
                report.notes.append(
                    "\(removed) row\(removed == 1 ? " was" : "s were") deleted from the sheet: nothing was removed here "
                        + "(change the figures, or upload a correction)")
            }
            try store.recordSyncSuccess(
                orgID: org.id, source: source, cursor: cursor, rows: report.changedRows, now: now)
            if previous?.notifiedAt != nil {
                try SyncFailureNotice(store: store, org: org).recovered(source: source, now: now)
            }
            return report
        }
    }

    /// A table the source would not give: the sheet's own row and column, what was there and what was expected.
    public struct Rejected: Error, CustomStringConvertible {
        public let description: String
    }

    /// A sheet's changed rows, imported as the CSV of the same columns would be: strictly, since nobody is there
    /// to fix a row the way an uploader is; a bad row stops the run, named by its row in the sheet.
    private func importTable(_ table: SyncBatch.Table, label: String, now: Date, into report: inout SyncReport)
        throws
    {
        var csv = CSVWriter()
        csv.append(table.header)
        // The CSV line each row starts on, to name a rejected row by its row in the sheet.
        var sheetRowAtLine: [Int: Int] = [:]
        var line = 2
        for (row, sheetRow) in zip(table.rows, table.sheetRows) {
            csv.append(row)
            sheetRowAtLine[line] = sheetRow
            line += 1 + row.reduce(0) { $0 + $1.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } }
        }
        var options = Importer.Options(kind: table.kind, strict: true, now: now, alertRecipients: alertRecipients)
        options.repeatable = true
        let result = try Importer(store: store, org: org).importBytes(csv.bytes, fileName: label, options: options)
        switch result.status {
        case .imported, .duplicate:
            report.tableRows = result.inserted + result.updated
            report.newProducts = result.newProducts
            report.notes += result.notes
            report.alerts = result.alerts
        case .rejected(let reason):
            guard let error = result.errors.first else { throw Rejected(description: "The sheet: \(reason)") }
            let row = sheetRowAtLine[error.line].map { "row \($0)" } ?? "a row"
            var text = "The sheet's \(row)"
            if let column = error.column { text += ", column “\(column)”" }
            text += ": " + (error.value.map { "“\($0)” " } ?? "") + error.message
            throw Rejected(
                description: text + ". Nothing from the sheet was imported; it is read again at the next sync.")
        }
    }

    private func write(_ batch: SyncBatch, source: String, label: String, now: Date, into report: inout SyncReport)
        throws
    {
        let database = store.database
        let kind: ImportKind = batch.orders.isEmpty ? (batch.stock.isEmpty ? .products : .inventory) : .sales
        try database.execute(
            Importer.insertImport,
            [
                .integer(org.id), .text(kind.rawValue), .text(label), .null,
                .integer(Int64(now.timeIntervalSince1970)), .text("imported"), .null,
            ])
        let importID = database.lastInsertedRowID
        let context = RowContext(
            store: store, org: org, importID: importID, numbers: NumberParser(decimalComma: false),
            dates: DateTimeParser(timeZone: org.timeZone, order: DateTimeParser.defaultOrder(for: org.timeZone)),
            now: now)
        let catalog = try ProductCatalog(context: context)
        // Costs as this batch describes them, before the catalogue's stored ones, for the lines' cost of goods.
        var unitCosts: [Int64: Int] = [:]

        for product in batch.products {
            let entry = try catalog.resolve(
                sku: product.sku, name: product.name, category: product.category, unitPrice: product.unitPrice)
            let category = SQLValue.text(product.category)
            let price = SQLValue.optionalInt(product.unitPrice)
            let cost = SQLValue.optionalInt(product.unitCost)
            try database.execute(
                Self.updateProduct,
                [
                    .text(product.name), category, category, price, cost, .integer(Int64(now.timeIntervalSince1970)),
                    .integer(entry.id), .text(product.name), category, category, price, price, cost, cost,
                ])
            report.productsUpdated += database.changes
            if let unitCost = product.unitCost ?? entry.unitCost { unitCosts[entry.id] = unitCost }
        }

        if !batch.orders.isEmpty {
            let writer = try SalesWriter(database: database, org: org)
            var outOfBounds = 0
            for order in batch.orders {
                let before = report.changedRows
                // Numbers from outside, bounded as a file's are: a line past them is left out, never a trap.
                let lines = order.lines.filter { line in
                    let fits =
                        line.quantity.magnitude <= UInt(ImportLimits.maxQuantity)
                        && [line.unitPrice, line.total, line.discount].allSatisfy {
                            $0.magnitude <= UInt(ImportLimits.maxMinorUnits)
                        }
                    if !fits { outOfBounds += 1 }
                    return fits
                }
                for (index, line) in lines.enumerated() {
                    let entry = try catalog.resolve(
                        sku: line.sku, name: line.name, category: nil,
                        unitPrice: line.quantity > 0 ? line.unitPrice : nil)
                    let unitCost = unitCosts[entry.id] ?? entry.unitCost
                    let cost = unitCost.flatMap { cost in
                        let (result, overflow) = cost.multipliedReportingOverflow(by: line.quantity)
                        return overflow || abs(result) > ImportLimits.maxMinorUnits ? nil : result
                    }
                    let outcome = try writer.upsert(
                        SaleLine(
                            source: source, orderID: order.id, line: index + 1, soldAt: order.soldAt,
                            productID: entry.id, quantity: line.quantity, unitPrice: line.unitPrice,
                            discount: line.discount, total: line.total, cost: cost, location: order.location,
                            channel: order.channel, importID: importID))
                    switch outcome {
                    case .inserted: report.linesInserted += 1
                    case .updated: report.linesUpdated += 1
                    case .unchanged: break
                    }
                }
                report.linesRemoved += try writer.removeLines(
                    source: source, orderID: order.id, from: lines.count + 1)
                // Orders read again unchanged (the overlap with the last run) are not news.
                if report.changedRows > before { report.orders += 1 }
            }
            try writer.flush()
            if outOfBounds > 0 {
                report.notes.append("\(outOfBounds) line\(outOfBounds == 1 ? "" : "s") with numbers too large left out")
            }
        }

        for level in batch.stock {
            let entry = try catalog.resolve(sku: level.sku, name: level.name, category: nil, unitPrice: nil)
            let before = try database.queryFirst(Self.selectLevel, [.integer(entry.id), .text(level.location)]) {
                $0.int(0)
            }
            guard before != level.quantity else { continue }
            try store.recordStock(
                productID: entry.id, location: level.location, quantity: level.quantity, countedAt: level.countedAt,
                reason: "count", importID: importID)
            report.stockChanged += 1
        }
        report.newProducts = catalog.created

        let total = report.linesInserted + report.linesUpdated + report.stockChanged
        try database.execute(
            Importer.finishImport,
            [
                .text(""), .int(batch.orders.reduce(0) { $0 + $1.lines.count } + batch.stock.count),
                .int(total), 0, .int(report.linesUpdated), 0, .null,
                batch.orders.map(\.soldAt).min().map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null,
                batch.orders.map(\.soldAt).max().map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null,
                .integer(importID),
            ])
        guard report.changedRows > 0 else { return }
        try store.recordActivity(
            orgID: org.id, memberID: nil, kind: "sync", summary: "\(label): \(report.summary)", at: now)
        if report.linesInserted + report.linesUpdated + report.linesRemoved + report.stockChanged > 0 {
            try store.markForecastsStale(orgID: org.id)
            if let alertRecipients {
                report.alerts = try AlertEngine(store: store, org: org, recipients: alertRecipients).evaluate(now: now)
            }
        }
    }
}
