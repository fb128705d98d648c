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
        ]
        let named = names.filter { !$0.1.isDisjoint(with: words) }.map(\.0)
        return named.count == 1 ? named[0] : nil
    }

    func reply(attachment: ChatMessage.Attachment, file: [UInt8]?, context: HandlerContext) throws -> Reply {
        let name = attachment.fileName
        if let refusal = refusal(attachment: attachment, member: context.member) { return refusal }
        guard (file?.count ?? 0) <= Self.maxBytes else {
            return .text(
                "\(name) is over 20 MB, too big to import in chat. Split it, or run opsbot import on the shop's computer."
            )
        }
        guard let file else { return .text("I couldn't fetch \(name); please send it again.") }
        let allowed: (kinds: Set<ImportKind>, otherwise: String)? =
            context.member.role >= .manager ? nil : ([.inventory], "managers and owners")
        let report = try Importer(store: context.store, org: context.org).importBytes(
            file, fileName: name,
            options: .init(
                kind: Self.kind(named: context.message.text), memberID: context.member.id, now: context.now,
                allowed: allowed,
                alertRecipients: context.alertRecipients))
        return ImportReportText(calendar: context.org.calendar, now: context.now, currency: context.org.currency).reply(
            report)
    }
}
