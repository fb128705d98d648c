import Foundation
import OpsCore

/// An import report as a chat reply: counts, new products, the period covered, the first problems,
/// and the rejected rows attached as a CSV to fix and upload again.
public struct ImportReportText: Sendable {
    public let calendar: OrgCalendar
    public let now: Date
    public let currency: Currency

    public init(calendar: OrgCalendar, now: Date, currency: Currency = .usd) {
        self.calendar = calendar
        self.now = now
        self.currency = currency
    }

    /// What was left out of net revenue: "Excluded: 3 voided lines $18.50, 1 cancelled order $61.00, tax $41.20".
    func excludedLine(_ report: ImportReport) -> String? {
        let money = MoneyFormatter(currency: currency)
        let lines = report.excluded.map { excluded in
            let noun = excluded.count == 1 ? excluded.noun : excluded.noun + "s"
            return "\(NumberText.grouped(excluded.count)) \(excluded.reason.rawValue) \(noun) "
                + money.format(excluded.amount)
        }
        let amounts = report.notRevenue.map { "\($0.what) \(money.format($0.amount))" }
        guard !(lines + amounts).isEmpty else { return nil }
        return "Excluded from net revenue: " + (lines + amounts).joined(separator: ", ")
    }

    static let shownErrors = 5

    public func reply(_ report: ImportReport) -> Reply {
        let dates = DateText(calendar: calendar)
        let kind = report.kind?.rawValue ?? "data"
        var blocks: [Reply.Block] = []
        switch report.status {
        case .duplicate(let at, let by):
            return .text(
                "Already imported: \(report.fileName) was imported \(dates.moment(at, now: now))"
                    + (by.map { " by \($0)" } ?? "") + ". Nothing changed.")
        case .rejected(let reason):
            blocks.append(.title("Nothing imported from \(report.fileName)"))
            blocks.append(.text(reason))
        case .imported:
            blocks.append(.title("Imported \(kind) from \(report.fileName)"))
            var lines = report.layout.map { ["Recognised a \($0)"] } ?? []
            lines += [
                "\(NumberText.grouped(report.rowsRead)) row\(report.rowsRead == 1 ? "" : "s") read: "
                    + "\(NumberText.grouped(report.inserted)) new, "
                    + "\(NumberText.grouped(report.updated)) updated, \(NumberText.grouped(report.unchanged)) unchanged, "
                    + "\(NumberText.grouped(report.rejected)) rejected"
                    + (report.skipped > 0 ? ", \(NumberText.grouped(report.skipped)) skipped" : "")
            ]
            if report.newProductCount > 0 {
                var line =
                    "\(NumberText.grouped(report.newProductCount)) new product\(report.newProductCount == 1 ? "" : "s")"
                if report.kind == .sales || report.kind == .inventory { line += " — add their cost to see margin" }
                let names = report.newProducts.prefix(5).joined(separator: ", ")
                let more = report.newProductCount - min(5, report.newProducts.count)
                lines.append(line + ": " + names + (more > 0 ? " +\(more) more" : ""))
            }
            if let excluded = excludedLine(report) { lines.append(excluded) }
            if let first = report.firstAt, let last = report.lastAt {
                lines.append("Covers " + dates.days(first, last, now: now))
            }
            if !report.notes.isEmpty { lines.append("Note: " + report.notes.joined(separator: "; ")) }
            if let alerts = report.alerts, !(alerts.opened.isEmpty && alerts.resolved.isEmpty) {
                var parts: [String] = []
                if !alerts.opened.isEmpty { parts.append("\(alerts.opened.count) new") }
                if !alerts.resolved.isEmpty { parts.append("\(alerts.resolved.count) cleared") }
                lines.append("Alerts: " + parts.joined(separator: ", ") + " (say “alerts”)")
            }
            lines.append("Took \(String(format: "%.1f", report.seconds)) s")
            blocks.append(.text(lines.joined(separator: "\n")))
        }
        if !report.errors.isEmpty {
            var text =
                (report.status == .imported ? "Rejected rows:\n" : "Problems:\n")
                + report.errors.prefix(Self.shownErrors).map { "• \($0)" }.joined(separator: "\n")
            if report.rejected > Self.shownErrors {
                text += "\n+\(NumberText.grouped(report.rejected - Self.shownErrors)) more"
            }
            if report.errorCSV != nil {
                text += "\nThe attached file lists them with an error column: fix and upload it again."
            }
            blocks.append(.text(text))
        }
        var reply = Reply(blocks: blocks)
        if let errorCSV = report.errorCSV {
            let base = report.fileName.hasSuffix(".csv") ? String(report.fileName.dropLast(4)) : report.fileName
            reply.attachments.append(.init(fileName: base + ".errors.csv", mimeType: "text/csv", bytes: errorCSV))
        }
        return reply
    }
}
