import Foundation
import OpsCore

/// "sales today", "how did we do last week", "revenue this month": revenue, units, orders, basket and
/// margin, against the period before (days and weeks: a week earlier; months and years: the one before).
struct SalesHandler {
    /// With `location`, only the sales made there.
    /// With `figure`, that figure leads: "Orders yesterday (Tue 24 Nov)" and its value, then the usual table.
    func reply(period: Period, location: String? = nil, figure: SalesFigure? = nil, context: HandlerContext) throws
        -> Reply
    {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let metrics = SalesMetrics(store: context.store, org: context.org)
        let current = try metrics.totals(from: resolved.start, to: resolved.end, location: location)
        let previous = try metrics.totals(from: resolved.previousStart, to: resolved.previousEnd, location: location)
        let money = context.money
        let text = PeriodText(calendar: context.org.calendar, now: context.now)
        let subject = figure.map(Self.subject) ?? "Sales"
        let title = text.title(subject + (location.map { " at \($0)" } ?? ""), resolved)

        guard current.lines > 0 || previous.lines > 0 else {
            return Reply(blocks: [
                .title(title),
                .text("No sales recorded. Import your till's sales export to see figures here."),
            ])
        }
        var rows: [[String]] = [
            ["Revenue", money.format(current.revenue), NumberText.change(from: previous.revenue, to: current.revenue)],
            ["Units", NumberText.grouped(current.units), NumberText.change(from: previous.units, to: current.units)],
            [
                "Orders", NumberText.grouped(current.orders),
                NumberText.change(from: previous.orders, to: current.orders),
            ],
            [
                "Avg basket", current.averageBasket.map(money.format) ?? "–",
                NumberText.change(from: previous.averageBasket ?? 0, to: current.averageBasket ?? 0),
            ],
        ]
        var notes: [String] = []
        if current.costedRevenue != 0 {
            let margin = current.costedRevenue - current.cost
            let percent = (Double(margin) / Double(current.costedRevenue) * 100).clampedInt
            rows.append(["Margin", money.format(margin), "\(percent)%"])
            let uncosted = current.revenue - current.costedRevenue
            if uncosted != 0 {
                notes.append("\(money.format(uncosted)) of revenue has no cost: add costs to see its margin.")
            }
        } else if current.revenue != 0 {
            notes.append("No product costs yet, so no margin: import products with their cost.")
        }
        notes.append(
            "vs \(text.previous(resolved)): \(money.format(previous.revenue)), "
                + "\(NumberText.grouped(previous.orders)) order\(previous.orders == 1 ? "" : "s")")
        var blocks: [Reply.Block] = [.title(title)]
        if let figure, let lead = Self.lead(figure, current: current, previous: previous, money: money) {
            blocks.append(.text(lead))
        }
        blocks += [
            .table(Table(columns: [.init(""), .init("", .right), .init("", .right)], rows: rows)),
            .text(notes.joined(separator: "\n")),
        ]
        return Reply(blocks: blocks)
    }

    static func subject(_ figure: SalesFigure) -> String {
        switch figure {
        case .revenue: return "Revenue"
        case .units: return "Units sold"
        case .orders, .customers: return "Orders"
        case .basket: return "Average basket"
        case .margin: return "Margin"
        }
    }

    /// The asked figure in a line, with its change; nil where it cannot be said (no costs for a margin).
    static func lead(_ figure: SalesFigure, current: SalesTotals, previous: SalesTotals, money: MoneyFormatter)
        -> String?
    {
        switch figure {
        case .revenue:
            return
                "Revenue: \(money.format(current.revenue)) (\(NumberText.change(from: previous.revenue, to: current.revenue)))"
        case .units:
            return
                "Units sold: \(NumberText.grouped(current.units)) (\(NumberText.change(from: previous.units, to: current.units)))"
        case .orders, .customers:
            let orders =
                "Orders: \(NumberText.grouped(current.orders)) (\(NumberText.change(from: previous.orders, to: current.orders)))"
            return figure == .customers
                ? orders + ". Till exports don't name customers, so this counts orders (one per customer visit)."
                : orders
        case .basket:
            guard let basket = current.averageBasket else { return "Average basket: – (no orders)" }
            return
                "Average basket: \(money.format(basket)) (\(NumberText.change(from: previous.averageBasket ?? 0, to: basket)))"
        case .margin:
            guard current.costedRevenue != 0 else { return nil }
            return "Margin: \(money.format(current.costedRevenue - current.cost))"
        }
    }

    /// "sales by location this week": revenue, orders and share per location, most first.
    func byLocation(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let rows = try SalesMetrics(store: context.store, org: context.org).byLocation(
            from: resolved.start, to: resolved.end)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Sales by location", resolved)
        guard rows.count > 1 else {
            return Reply(blocks: [
                .title(title), .text("The shop's sales come from one location, so there is nothing to compare."),
            ])
        }
        let total = rows.reduce(0) { $0 + $1.totals.revenue }
        let shown = rows.prefix(10).map { row -> [String] in
            [
                row.location, context.money.format(row.totals.revenue),
                total > 0 ? "\((Double(row.totals.revenue) / Double(total) * 100).clampedInt)%" : "–",
            ]
        }
        var blocks: [Reply.Block] = [
            .title(title),
            .table(Table(columns: [.init("Location"), .init("Revenue", .right), .init("Share", .right)], rows: shown)),
        ]
        if rows.count > shown.count { blocks.append(.text("+\(rows.count - shown.count) more")) }
        return Reply(blocks: blocks)
    }
}
