import Foundation
import OpsCore

/// "sales today", "sales yesterday", "sales this week": revenue, units, orders and basket, against a week before.
struct SalesHandler {
    func reply(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let metrics = SalesMetrics(store: context.store, org: context.org)
        let current = try metrics.totals(from: resolved.start, to: resolved.end)
        let previous = try metrics.totals(from: resolved.previousStart, to: resolved.previousEnd)
        let money = context.money
        let title = "Sales \(resolved.label) (\(span(resolved.start, resolved.end, resolved.isPartial, context)))"
        let comparedWith = span(resolved.previousStart, resolved.previousEnd, resolved.isPartial, context)

        guard current.lines > 0 || previous.lines > 0 else {
            return Reply(blocks: [
                .title(title),
                .text("No sales recorded. Import your till's sales export to see figures here."),
            ])
        }
        let rows: [[String]] = [
            ["Revenue", money.format(current.revenue), NumberText.change(from: previous.revenue, to: current.revenue)],
            ["Units", NumberText.grouped(current.units), NumberText.change(from: previous.units, to: current.units)],
            ["Orders", NumberText.grouped(current.orders), NumberText.change(from: previous.orders, to: current.orders)],
            ["Avg basket", current.averageBasket.map(money.format) ?? "–",
             NumberText.change(from: previous.averageBasket ?? 0, to: current.averageBasket ?? 0)],
        ]
        return Reply(blocks: [
            .title(title),
            .table(Table(columns: [.init(""), .init("", .right), .init("", .right)], rows: rows)),
            .text("vs \(comparedWith): \(money.format(previous.revenue)), "
                + "\(NumberText.grouped(previous.orders)) order\(previous.orders == 1 ? "" : "s")"),
        ])
    }

    /// "Tue 24 Nov", "Wed 25 Nov to 14:05", "Mon 16 – Sun 22 Nov".
    private func span(_ start: Date, _ end: Date, _ partial: Bool, _ context: HandlerContext) -> String {
        let dates = context.dates
        let calendar = context.org.calendar
        let lastDay = partial ? end : end.addingTimeInterval(-1)
        var text: String
        let first = dates.day(start, now: context.now)
        let last = dates.day(lastDay, now: context.now)
        if calendar.startOfDay(start) == calendar.startOfDay(lastDay) {
            text = first
        } else if first.split(separator: " ").dropFirst(2) == last.split(separator: " ").dropFirst(2) {
            // Same month: "Mon 23 – Wed 25 Nov".
            text = first.split(separator: " ").prefix(2).joined(separator: " ") + " – " + last
        } else {
            text = first + " – " + last
        }
        if partial { text += " to " + dates.time(end) }
        return text
    }
}
