import Foundation
import OpsCore

/// A CSV file sent in chat: imported, answered with the report and any rejected rows as a file.
/// Managers and owners import anything; staff upload stock counts only.
struct ImportHandler {
    /// Files larger than this are refused before they are read.
    static let maxBytes = 20 * 1024 * 1024
    /// Staff upload stock counts only, and a count of a big shop's shelves is well under this; a bigger file from
    /// staff is refused before it is downloaded.
    static let maxStaffBytes = 2 * 1024 * 1024

    /// Why the attachment is refused without its bytes (not a CSV, too big for this member), or nil: checked
    /// before the transport downloads it.
    func refusal(attachment: ChatMessage.Attachment, member: Member) -> Reply? {
        let name = attachment.fileName
        guard name.lowercased().hasSuffix(".csv") || name.lowercased().hasSuffix(".txt") else {
            return .text(
                "I can read CSV files (sales, stock counts, products, shifts). \(name) is not one: "
                    + "export it from your till or spreadsheet as CSV.")
        }
        guard attachment.size <= Self.maxBytes else {
            return .text(
                "\(name) is over 20 MB, too big to import in chat. Split it, or run opsbot import on the shop's computer."
            )
        }
        if member.role < .manager && attachment.size > Self.maxStaffBytes {
            return .text(
                "Staff can upload stock counts (up to 2 MB); \(name) is larger. Ask a manager or the owner to import it."
            )
        }
        return nil
    }

    /// The kind a file's caption names ("sales", "stock", "products", "shifts"), which then is not guessed.
    static func kind(named caption: String) -> ImportKind? {
        let words = Set(TextNormalizer.tokens(caption))
        let names: [(ImportKind, Set<String>)] = [
            (.sales, ["sales", "sale", "orders", "transactions"]),
            (.inventory, ["stock", "inventory", "count", "counts", "stocktake"]),
            (.products, ["products", "product", "catalog", "catalogue", "items"]),
            (.shifts, ["shifts", "shift", "rota", "schedule", "timesheet"]),
            (.reviews, ["reviews", "review", "ratings", "feedback"]),
        ]
        let named = names.filter { !$0.1.isDisjoint(with: words) }.map(\.0)
        return named.count == 1 ? named[0] : nil
    }

    func reply(attachment: ChatMessage.Attachment, file: [UInt8]?, context: HandlerContext) throws -> Reply {
        try handle(attachment: attachment, file: file, context: context).reply
    }

    /// The reply, and whether the file was imported.
    func handle(attachment: ChatMessage.Attachment, file: [UInt8]?, context: HandlerContext) throws
        -> (reply: Reply, imported: Bool)
    {
        let name = attachment.fileName
        if let refusal = refusal(attachment: attachment, member: context.member) { return (refusal, false) }
        guard (file?.count ?? 0) <= Self.maxBytes else {
            return (
                .text(
                    "\(name) is over 20 MB, too big to import in chat. Split it, or run opsbot import on the shop's computer."
                ), false
            )
        }
        guard let file else { return (.text("I couldn't fetch \(name); please send it again."), false) }
        let report = try importFile(
            file, fileName: name, kind: Self.kind(named: context.message.text), context: context)
        var reply = ImportReportText(calendar: context.org.calendar, now: context.now, currency: context.org.currency)
            .reply(report)
        if !report.choices.isEmpty {
            // Kept until the question is answered: a button imports it as the kind it names.
            let id = try context.store.keepPendingImport(
                orgID: context.org.id, memberID: context.member.id, fileName: name, bytes: file, now: context.now)
            reply.buttons = report.choices.map { kind in
                Reply.Button(label: Self.buttonLabel(kind), action: PendingAction(id: id, kind: kind).text)
            }
        }
        return (reply, report.status == .imported)
    }

    private func importFile(_ file: [UInt8], fileName: String, kind: ImportKind?, context: HandlerContext) throws
        -> ImportReport
    {
        let allowed: (kinds: Set<ImportKind>, otherwise: String)? =
            context.member.role >= .manager ? nil : ([.inventory], "managers and owners")
        return try Importer(store: context.store, org: context.org).importBytes(
            file, fileName: fileName,
            options: .init(
                kind: kind, memberID: context.member.id, now: context.now, allowed: allowed,
                alertRecipients: context.alertRecipients))
    }

    static func buttonLabel(_ kind: ImportKind) -> String {
        switch kind {
        case .sales: return "Sales"
        case .products: return "Product list"
        case .inventory: return "Stock count"
        case .shifts: return "Shifts"
        case .reviews: return "Reviews"
        }
    }

    /// "import file 7 as sales": a question's button, answered with the kept file imported as that kind.
    struct PendingAction: Equatable {
        let id: Int64
        let kind: ImportKind

        var text: String { "import file \(id) as \(kind.rawValue)" }

        init(id: Int64, kind: ImportKind) {
            self.id = id
            self.kind = kind
        }

        init?(_ text: String) {
            let words = text.split(separator: " ")
            guard words.count == 5, words[0] == "import", words[1] == "file", words[3] == "as",
                let id = Int64(words[2]), let kind = ImportKind(rawValue: String(words[4]))
            else { return nil }
            self.init(id: id, kind: kind)
        }
    }

    /// The answer to "which kind is this file?": the kept file imported as `action.kind`, then let go.
    func resume(_ action: PendingAction, context: HandlerContext) throws -> Reply {
        guard let pending = try context.store.pendingImport(id: action.id, orgID: context.org.id, now: context.now)
        else {
            return .text("I no longer have that file (files wait a day for their kind). Please send it again.")
        }
        let report = try importFile(pending.bytes, fileName: pending.fileName, kind: action.kind, context: context)
        try context.store.removePendingImport(id: pending.id, orgID: context.org.id)
        return ImportReportText(calendar: context.org.calendar, now: context.now, currency: context.org.currency)
            .reply(report)
    }
}
