import Foundation
import OpsCore

/// "report", "report last month": the one-page HTML report as a document.
struct ReportHandler {
    func reply(period: Period, context: HandlerContext) throws -> Reply {
        let report = try ShopReport(store: context.store, org: context.org, now: context.now).html(period: period)
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        return Reply(
            blocks: [
                .text(
                    "Report, \(resolved.label): figures, charts, top products, low stock and open alerts on one page. "
                        + "Open it in a browser; it prints on A4.")
            ],
            attachments: [.init(fileName: report.fileName, mimeType: "text/html", bytes: Array(report.html.utf8))])
    }
}
