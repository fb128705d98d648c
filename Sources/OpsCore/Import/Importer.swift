import Foundation

/// Imports a CSV file of sales, stock counts, products or shifts: validate → stage → normalise, in one
/// transaction, so a file is imported whole (less its rejected rows) or not at all.
///
/// A file with a structural problem (unreadable, a quote never closed, required columns missing) or
/// with more than 5% of its rows rejected imports nothing; `strict` rejects it for any bad row. Otherwise
/// the good rows import and the rejected ones come back as an error CSV to fix and upload again.
/// Importing the same file again (same SHA-256) changes nothing; overlapping rows update in place.
public final class Importer {
    public struct Options: Sendable {
        public var kind: ImportKind?
        public var strict: Bool
        public var memberID: Int64?
        public var now: Date
        /// The kinds this person may import, with the role that may import the others (for the refusal).
        public var allowed: (kinds: Set<ImportKind>, otherwise: String)?
        /// Alerts are evaluated in the import's transaction when rows changed (nil: not at all); these are
        /// where email and SMS alerts go.
        public var alertRecipients: AlertRecipients?
        /// The same bytes may be imported again (a sheet's changed rows, back to what they were before): no
        /// "imported before" refusal.
        public var repeatable = false

        public init(
            kind: ImportKind? = nil, strict: Bool = false, memberID: Int64? = nil, now: Date = Date(),
            allowed: (kinds: Set<ImportKind>, otherwise: String)? = nil,
            alertRecipients: AlertRecipients? = AlertRecipients()
        ) {
            self.kind = kind
            self.strict = strict
            self.memberID = memberID
            self.now = now
            self.allowed = allowed
            self.alertRecipients = alertRecipients
        }
    }

    /// Share of rows that may be rejected before the whole file is.
    public static let rejectLimit = 0.05
    static let keptErrors = 1_000

    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    public func importFile(path: String, options: Options) throws -> ImportReport {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return try run(fileName: name, source: .file(path: path), options: options)
    }

    public func importBytes(_ bytes: [UInt8], fileName: String, options: Options) throws -> ImportReport {
        try run(fileName: fileName, source: .bytes(bytes), options: options)
    }

    /// Ends an import early: the transaction rolls back and the report says why.
    struct Stop: Error {
        let status: ImportReport.Status
        /// The kinds to offer when the stop is a question (`ImportReport.choices`).
        var choices: [ImportKind] = []
    }

    private func run(fileName: String, source: CSVSource, options: Options) throws -> ImportReport {
        let started = Date()
        var report = ImportReport(fileName: fileName, status: .imported)
        do {
            var probe = try source.open()
            guard let header = try probe.next() else { throw Stop(status: .rejected(reason: "The file is empty.")) }
            var map = try columnMap(header.fields, kind: options.kind)
            map = try withVaryingParts(map, source: source)
            if map.kind == .sales, map[.quantity] == nil, !map.rules.itemList {
                report.notes.append("no quantity column: each row counted as one unit sold")
            }
            report.kind = map.kind
            report.layout = map.layout
            if let allowed = options.allowed, !allowed.kinds.contains(map.kind) {
                throw Stop(
                    status: .rejected(
                        reason: "Only \(allowed.otherwise) can import \(map.kind.rawValue); you can upload "
                            + allowed.kinds.map(\.rawValue).sorted().joined(separator: " and ") + " files."))
            }
            let bytes = source.byteCount()
            if !options.repeatable, let bytes, let earlier = try earlierImport(of: source, bytes: bytes) {
                report.sha256 = earlier.sha256
                throw Stop(status: .duplicate(importedAt: earlier.at, by: earlier.by))
            }
            let firstRow = try probe.next()
            let order = try dateOrder(map: map, firstRow: firstRow, source: source)
            let decimalComma = probe.delimiter == UInt8(ascii: ";")
            if order != DateTimeParser.defaultOrder(for: org.timeZone), map.kind != .products {
                report.notes.append(
                    order == .dayFirst ? "dates read day first (31/12)" : "dates read month first (12/31)")
            }

            let body = {
                try self.importRows(
                    source: source, bytes: bytes, map: map, order: order, decimalComma: decimalComma,
                    fileName: fileName, options: options, report: &report)
            }
            // Sales lines name their org, their import and products this import read or created, all inside its
            // transaction: nothing for SQLite to look up a line at a time. A big file is written straight into
            // the database file when nothing else has it open (`Database.writeDirectly`).
            if map.kind == .sales, let bytes, bytes >= Self.directWriteBytes {
                try store.database.writeDirectly { try store.database.writeTrustingReferences(body) }
            } else if map.kind == .sales {
                try store.database.writeTrustingReferences(body)
            } else {
                try store.write(body)
            }
        } catch let question as ImportDetection.Question {
            report.status = .rejected(reason: question.text)
            report.choices = question.choices
            try recordRejection(report, options: options)
        } catch let stop as Stop {
            report.status = stop.status
            report.choices = stop.choices
            if case .rejected = stop.status { try recordRejection(report, options: options) }
        } catch let error as CSVReader.Error {
            report.status = .rejected(reason: "The file is not valid CSV: \(error).")
            try recordRejection(report, options: options)
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private func columnMap(_ header: [String], kind: ImportKind?) throws -> ColumnMap {
        if let kind {
            if let map = ColumnMap.map(header: header, kind: kind) { return map }
            let missing = ColumnMap.missingFields(header: header, kind: kind)
            throw Stop(
                status: .rejected(
                    reason: "This does not look like a \(kind.rawValue) file: it needs columns for "
                        + missing.joined(separator: ", ") + ". Columns found: " + Self.list(header) + "."))
        }
        return try ImportDetection(header: header).map()
    }

    static func list(_ header: [String]) -> String {
        let shown = header.prefix(12).map { "\"\($0)\"" }.joined(separator: ", ")
        return header.count > 12 ? shown + " and \(header.count - 12) more" : shown
    }

    /// A sales file's size and type columns (not a known export's option columns) are part of a product's name
    /// only for the products they vary for: "Latte (L)" and "Latte (M)", but "Croissant" when every croissant is
    /// "bakery". Reads the file once more, only for such a file.
    private func withVaryingParts(_ map: ColumnMap, source: CSVSource) throws -> ColumnMap {
        let parts: [ColumnMap.Field] = [.variant2, .variant3].filter { map[$0] != nil }
        guard map.kind == .sales, map.layout == nil, !parts.isEmpty, let name = map[.name] else { return map }
        var reader = try source.open()
        _ = try reader.next()
        var first: [ColumnMap.Field: [String: String]] = [:]
        var varying: [ColumnMap.Field: Set<String>] = [:]
        while let row = try reader.next() {
            guard name < row.fields.count else { continue }
            let product = ImportRow.trimmed(row.fields[name]).lowercased()
            for part in parts {
                guard let column = map[part], column < row.fields.count else { continue }
                let value = ImportRow.trimmed(row.fields[column]).lowercased()
                if let earlier = first[part, default: [:]][product] {
                    if earlier != value { varying[part, default: []].insert(product) }
                } else {
                    first[part, default: [:]][product] = value
                }
            }
        }
        return map.naming(variantsOf: varying)
    }

    /// Day/month order for slashed dates: from the file's own values when any is unambiguous, else the
    /// shop's default. Reads the file once more only when the dates are slashed.
    private func dateOrder(map: ColumnMap, firstRow: CSVReader.Row?, source: CSVSource) throws
        -> DateTimeParser.Order
    {
        let dateFields: [ColumnMap.Field] = [
            .soldAt, .soldDate, .countedAt, .startsAt, .endsAt, .shiftDate, .reviewedAt,
        ]
        let columns = dateFields.compactMap { map[$0] }
        let fallback = DateTimeParser.defaultOrder(for: org.timeZone)
        guard let firstRow, !columns.isEmpty,
            columns.contains(where: {
                $0 < firstRow.fields.count && DateTimeParser.isAmbiguousShape(firstRow.fields[$0])
            })
        else { return fallback }
        var reader = try source.open()
        _ = try reader.next()
        var seen: Set<DateTimeParser.Order> = []
        while let row = try reader.next() {
            for column in columns where column < row.fields.count {
                if let evidence = DateTimeParser.evidence(row.fields[column]) { seen.insert(evidence) }
            }
            if seen.count == 2 {
                throw Stop(
                    status: .rejected(
                        reason: "The dates mix day-first (31/12) and month-first (12/31) values; "
                            + "export them in one format."))
            }
        }
        return seen.first ?? fallback
    }

    /// Files from 1 MB (about 15,000 sales lines) are written directly when nothing else has the database open
    /// (so no reader can be kept waiting); smaller ones go through the WAL. From 8 MB before: a 100,000-line file
    /// (6 MB) then wrote its pages twice, and took 5 % longer.
    static let directWriteBytes = 1 << 20
    static let selectMember = "SELECT id FROM members WHERE id = ? AND org_id = ?"
    static let insertImport = """
        INSERT INTO imports (org_id, kind, file_name, sha256, member_id, created_at, status, bytes)
        VALUES (?, ?, ?, '', ?, ?, ?, ?)
        """
    static let finishImport = """
        UPDATE imports SET sha256 = ?, rows_total = ?, rows_imported = ?, rows_rejected = ?, rows_updated = ?,
                           rows_unchanged = ?, errors = ?, first_at = ?, last_at = ?
        WHERE id = ?
        """
    static let selectEarlier = """
        SELECT i.created_at, m.name FROM imports i LEFT JOIN members m ON m.id = i.member_id
        WHERE i.org_id = ? AND i.sha256 = ? AND i.status = 'imported' AND i.id <> ? ORDER BY i.id LIMIT 1
        """

    static let selectSameSize = "SELECT 1 FROM imports WHERE org_id = ? AND status = 'imported' AND bytes = ? LIMIT 1"

    /// An earlier import of the same file, found before reading a row. Only a file the size of an earlier
    /// import can be the same, and only then is it hashed first: otherwise the SHA-256 comes with the read,
    /// and a file imported before `bytes` was recorded is still found, after its rows.
    private func earlierImport(of source: CSVSource, bytes: Int) throws -> (sha256: String, at: Date, by: String?)? {
        guard try store.database.queryFirst(Self.selectSameSize, [.integer(org.id), .int(bytes)], { _ in true }) != nil
        else { return nil }
        let sha256 = try source.sha256()
        return try store.database.queryFirst(Self.selectEarlier, [.integer(org.id), .text(sha256), .integer(0)]) {
            (sha256, Date(timeIntervalSince1970: TimeInterval($0.int64(0))), $0.optionalString(1))
        }
    }

    private func importRows(
        source: CSVSource, bytes: Int?, map: ColumnMap, order: DateTimeParser.Order, decimalComma: Bool,
        fileName: String, options: Options, report: inout ImportReport
    ) throws {
        let database = store.database
        // Read again inside the transaction, which may not check references (sales): a member removed since the
        // upload is recorded as no one, as removing them does to their earlier imports.
        let memberID = try options.memberID.flatMap { id in
            try database.queryFirst(Self.selectMember, [.integer(id), .integer(org.id)]) { $0.int64(0) }
        }
        try database.execute(
            Self.insertImport,
            [
                .integer(org.id), .text(map.kind.rawValue), .text(fileName), memberID.map { .integer($0) } ?? .null,
                .integer(Int64(options.now.timeIntervalSince1970)), .text("imported"), bytes.map { .int($0) } ?? .null,
            ])
        let importID = database.lastInsertedRowID
        let context = RowContext(
            store: store, org: org, importID: importID, numbers: NumberParser(decimalComma: decimalComma),
            dates: DateTimeParser(timeZone: org.timeZone, order: order), now: options.now)
        let rows = try context.makeRowImporter(for: map.kind)
        var errorCSV = CSVWriter()
        errorCSV.append(map.header + ["error"])

        let pipeline = RowPipeline(
            source: source, map: map, numbers: context.numbers,
            reader: rows.rowReader(dates: context.dates, digits: context.digits))
        defer { pipeline.stop() }
        var outcomes = RowOutcomes()
        var totalRows: [Int] = []
        try pipeline.forEach { row, values in
            report.rowsRead += 1
            do {
                switch values {
                case .success(.notALine(let what)):
                    outcomes.add(.skipped)
                    if what == .total { totalRows.append(row.line) }
                case .success(let values): try rows.importRow(row, values: values, into: &outcomes)
                case .failure(let problem): throw problem
                }
            } catch let problem as RowProblem {
                let error = RowError(
                    line: row.line, column: problem.column, value: problem.value, message: problem.message)
                report.rejected += 1
                if report.errors.count < Self.keptErrors {
                    report.errors.append(error)
                    errorCSV.append(row.fields + ["\(error)"])
                }
                if options.strict {
                    throw Stop(status: .rejected(reason: "Strict mode: \(error). Nothing was imported."))
                }
            }
        } sums: { sums, last in
            try rows.absorb(sums, last: last)
        }
        guard let input = pipeline.summary else { preconditionFailure("the reading thread ended without a summary") }
        if input.sawWindows1252 { report.notes.append("read as Windows-1252 (the file is not UTF-8)") }
        report.sha256 = input.sha256
        try rows.finish(into: &outcomes)
        report.inserted = outcomes.inserted
        report.updated = outcomes.updated
        report.unchanged = outcomes.unchanged
        report.skipped = outcomes.skipped
        report.firstAt = outcomes.firstAt
        report.lastAt = outcomes.lastAt
        if let sales = rows as? SalesRowImporter {
            report.excluded = sales.tally.excluded
            report.notRevenue = sales.tally.notRevenue
        }
        if !totalRows.isEmpty {
            report.notes.append(
                "left out the total row\(totalRows.count == 1 ? "" : "s") (line "
                    + totalRows.prefix(3).map(String.init).joined(separator: ", ") + ")")
        }
        report.notes += rows.notes
        report.newProducts = Array(rows.newProducts.prefix(20))
        report.newProductCount = rows.newProducts.count
        // A "product list" with dates in it that would more than double the catalogue is more likely a sales file
        // read as the wrong kind: asked, not done, unless the kind was named.
        if map.kind == .products, options.kind == nil, report.newProductCount > 0,
            let dates = SalesEvidence.dateColumns(map.header).first,
            report.newProductCount > (try store.products(orgID: org.id).count - report.newProductCount)
        {
            throw Stop(
                status: .rejected(
                    reason:
                        "This would add \(report.newProductCount) new products, more than the shop has, from a file "
                        + "with dates in it (“\(dates)”), so nothing was imported: is it a sales export? If it is a "
                        + "product list, send it again with the caption “products”, or run opsbot import products FILE."
                ), choices: ColumnMap.map(header: map.header, kind: .sales) == nil ? [.products] : [.products, .sales])
        }

        if !options.repeatable,
            let earlier = try database.queryFirst(
                Self.selectEarlier, [.integer(org.id), .text(report.sha256), .integer(importID)],
                { (Date(timeIntervalSince1970: TimeInterval($0.int64(0))), $0.optionalString(1)) })
        {
            throw Stop(status: .duplicate(importedAt: earlier.0, by: earlier.1))
        }
        guard report.rowsRead > 0 else { throw Stop(status: .rejected(reason: "The file has a header but no rows.")) }
        if Double(report.rejected) > Double(report.rowsRead) * Self.rejectLimit {
            report.errorCSV = errorCSV.bytes
            throw Stop(
                status: .rejected(
                    reason:
                        "\(report.rejected) of \(report.rowsRead) \(report.rowsRead == 1 ? "row has" : "rows have") problems "
                        + "(more than \(Int(Self.rejectLimit * 100))%), so nothing was imported. Fix them and upload again."
                ))
        }
        if report.rejected > 0 { report.errorCSV = errorCSV.bytes }
        try database.execute(
            Self.finishImport,
            [
                .text(report.sha256), .int(report.rowsRead), .int(report.imported), .int(report.rejected),
                .int(report.updated), .int(report.unchanged), .optionalText(Self.errorText(report.errors)),
                report.firstAt.map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null,
                report.lastAt.map { .integer(Int64($0.timeIntervalSince1970)) } ?? .null, .integer(importID),
            ])
        let summary =
            "\(map.kind.rawValue.capitalized) imported from \(fileName): \(report.imported) row\(report.imported == 1 ? "" : "s")"
            + (report.rejected > 0 ? ", \(report.rejected) rejected" : "")
        try store.recordActivity(orgID: org.id, memberID: memberID, kind: "import", summary: summary, at: options.now)
        // New sales or stock counts change what the forecasts learn from: made again at the next evaluation.
        if map.kind == .sales || map.kind == .inventory, report.inserted + report.updated > 0 {
            try store.markForecastsStale(orgID: org.id)
        }
        // Shifts and reviews change no stock or sales: nothing to evaluate.
        if let recipients = options.alertRecipients, map.kind != .shifts, map.kind != .reviews,
            report.inserted + report.updated > 0
        {
            report.alerts = try AlertEngine(store: store, org: org, recipients: recipients).evaluate(now: options.now)
        }
    }

    static func errorText(_ errors: [RowError]) -> String? {
        errors.isEmpty ? nil : errors.prefix(20).map(\.description).joined(separator: "\n")
    }

    /// A rejected file is still recorded in the audit log, with why.
    private func recordRejection(_ report: ImportReport, options: Options) throws {
        guard case .rejected(let reason) = report.status else { return }
        try store.write {
            try store.database.execute(
                Self.insertImport,
                [
                    .integer(org.id), .text(report.kind?.rawValue ?? "unknown"), .text(report.fileName),
                    options.memberID.map { .integer($0) } ?? .null, .integer(Int64(options.now.timeIntervalSince1970)),
                    .text("rejected"), .null,
                ])
            let importID = store.database.lastInsertedRowID
            try store.database.execute(
                Self.finishImport,
                [
                    .text(report.sha256), .int(report.rowsRead), 0, .int(report.rejected), 0, 0,
                    .text(([reason] + report.errors.prefix(20).map(\.description)).joined(separator: "\n")), .null,
                    .null,
                    .integer(importID),
                ])
        }
    }
}

@available(*, unavailable)
extension Importer: Sendable {}
