/// Which kind a file holds when nobody said, from its header alone, so that a file is never imported as the
/// wrong kind: a recognised export is what it is; a file whose columns say sales (`SalesEvidence`) is sales
/// or nothing; and when two kinds fit as well as each other, or a sales guess rests on no more than a date and a
/// price, nothing is imported and the reply asks (`Question`, with the kinds to offer as buttons).
struct ImportDetection {
    let header: [String]

    /// Not sure which kind: what was seen and the kinds to choose from, best guess first.
    struct Question: Error {
        let saw: String
        let choices: [ImportKind]

        var text: String {
            let kinds = choices.map(ImportDetection.described)
            let options = choices.map { "“\($0.rawValue)”" }.joined(separator: " or ")
            let commands = choices.map { "opsbot import \($0.rawValue) FILE" }.joined(separator: " or ")
            return "I'm not sure what this file holds, so nothing was imported. \(saw) "
                + "Is it \(kinds.joined(separator: " or "))? Send it again with the caption \(options), or run "
                + "\(commands)."
        }
    }

    func map() throws -> ColumnMap {
        let normalized = Set(header.map(ColumnMap.normalize))
        if let summary = TillLayout.orderSummaries.first(where: { summary in
            summary.signature.allSatisfy(normalized.contains) && !summary.without.contains(where: normalized.contains)
        }) {
            throw Importer.Stop(
                status: .rejected(reason: "This is a \(summary.name), so nothing was imported. \(summary.instead)"))
        }
        let candidates = ColumnMap.candidates(header: header)
        if let best = candidates.first, best.layout != nil { return best }
        let sales = candidates.first { $0.kind == .sales }
        if let evidence = SalesEvidence.of(header) {
            if let sales { return sales }
            throw Importer.Stop(
                status: .rejected(reason: Self.notLines(evidence, header: header, guess: candidates.first)))
        }
        guard let best = candidates.first else { throw Importer.Stop(status: .rejected(reason: nothingFits)) }
        let others = candidates.dropFirst().filter { $0.kind != best.kind }
        // One row a unit sold, from a file with nothing but a date and a price to say it is sales.
        if best.kind == .sales, best[.quantity] == nil {
            throw Question(
                saw: "It could be sales, each row one item sold (\(columns(of: best))), "
                    + (others.first.map { "or \(Self.described($0.kind)) (\(columns(of: $0)))." }
                        ?? "with no quantity column."),
                choices: [.sales] + others.prefix(1).map(\.kind))
        }
        if let second = others.first, second.columns.count == best.columns.count {
            throw Question(
                saw: "Its columns fit \(Self.described(best.kind)) (\(columns(of: best))) as well as "
                    + "\(Self.described(second.kind)) (\(columns(of: second))).",
                choices: [best.kind, second.kind])
        }
        return best
    }

    static func described(_ kind: ImportKind) -> String {
        switch kind {
        case .sales: return "a sales file"
        case .products: return "a product list"
        case .inventory: return "a stock count"
        case .shifts: return "a rota of shifts"
        case .reviews: return "customer reviews"
        }
    }

    /// The header's columns a map uses, as the file names them, in the file's order.
    private func columns(of map: ColumnMap) -> String {
        map.columns.values.sorted().prefix(5).map { "“\(header[$0])”" }.joined(separator: ", ")
    }

    private var nothingFits: String {
        let needs = ImportKind.allCases.map { kind in
            "\(kind.rawValue) (\((ColumnMap.required[kind] ?? []).map { $0.map(\.label).joined(separator: " or ") }.joined(separator: ", ")))"
        }
        return "I can't tell what this file holds. Columns found: " + Importer.list(header) + ". I read "
            + needs.joined(separator: "; ") + "."
    }

    /// A file that says sales but has no item lines to record: never a product list or a stock count unless asked.
    private static func notLines(_ evidence: SalesEvidence, header: [String], guess: ColumnMap?) -> String {
        let missing = ColumnMap.missingFields(header: header, kind: .sales)
        var text =
            "This looks like a sales export (it has " + evidence.columns.map { "“\($0)”" }.joined(separator: ", ")
            + "), but not one with a line for each item sold (it needs " + missing.joined(separator: ", ")
            + "), so nothing was imported. Export the item sales instead (Square's Item Sales Detail, Shopify's "
            + "orders export, Toast's ItemSelectionDetails), or run opsbot import sales FILE to see what is missing."
        if let guess, guess.kind != .sales {
            text +=
                " If it is \(described(guess.kind)) after all, send it again with the caption "
                + "“\(guess.kind.rawValue)”, or run opsbot import \(guess.kind.rawValue) FILE."
        }
        return text
    }
}
