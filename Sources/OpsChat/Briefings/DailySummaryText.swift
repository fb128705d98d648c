import Foundation
import OpsCore

/// The morning message: yesterday in five lines under its title, and nothing else.
struct DailySummaryText {
    let org: Org
    let now: Date

    func text(_ summary: DailySummary) -> String {
        let money = MoneyFormatter(currency: org.currency)
        let dates = DateText(calendar: org.calendar)
        let day = dates.day(summary.day, now: now)
        let weekBefore = dates.day(org.calendar.startOfDay(summary.day, adding: -7), now: now)
        var lines = ["Yesterday (\(day))"]
        if summary.sales.lines == 0 {
            lines.append("No sales recorded (\(weekBefore): \(money.format(summary.weekBefore.revenue))).")
        } else {
            let orders = summary.sales.orders - summary.weekBefore.orders
            lines.append(
                "Sales \(money.format(summary.sales.revenue)) "
                    + "(\(NumberText.change(from: summary.weekBefore.revenue, to: summary.sales.revenue)) on \(weekBefore)), "
                    + "\(NumberText.grouped(summary.sales.orders)) order\(summary.sales.orders == 1 ? "" : "s") "
                    + "(\(orders >= 0 ? "+" : "−")\(NumberText.grouped(abs(orders))))")
        }
        if let top = summary.top {
            lines.append("Top: \(top.name), \(money.format(top.revenue)) (\(NumberText.grouped(top.units)) sold)")
        } else {
            lines.append("Top: –")
        }
        lines.append(
            summary.ranOut.isEmpty
                ? "Nothing ran out."
                : "Ran out: " + Self.list(summary.ranOut))
        if summary.willRunOut.isEmpty {
            lines.append("Nothing runs out before a delivery ordered today could come.")
        } else {
            let items = summary.willRunOut.map { item in
                "\(item.name) "
                    + (item.inDays == 0 ? "today" : item.inDays == 1 ? "tomorrow" : "in \(item.inDays) days")
            }
            lines.append("Runs out before a delivery: " + Self.list(items) + " — “what should I order”")
        }
        lines.append(
            summary.openAlerts == 0
                ? "No open alerts."
                : "\(summary.openAlerts) open alert\(summary.openAlerts == 1 ? "" : "s") — “alerts” lists them")
        return lines.joined(separator: "\n")
    }

    /// "A, B, C +2 more".
    static func list(_ items: [String], limit: Int = 3) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? " +\(items.count - limit) more" : "")
    }
}
