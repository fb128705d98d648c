import OpsCore

/// "sales by category", "are weekends better", "busiest hours this month": when and what the shop sells.
struct PatternsHandler {
    static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    func categories(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let range = DayRange(
            start: resolved.start, end: resolved.end, calendar: context.org.calendar, runsToNow: resolved.isPartial)
        let rows = try PatternMetrics(store: context.store, org: context.org).categories(in: range)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Sales by category", resolved)
        guard !rows.isEmpty else { return Reply(blocks: [.title(title), .text("No sales in this period.")]) }
        let total = rows.reduce(0) { $0 + $1.revenue }
        let shown = rows.prefix(10)
        var blocks: [Reply.Block] = [
            .title(title),
            .table(
                Table(
                    columns: [.init("Category"), .init("Revenue", .right), .init("Share", .right)],
                    rows: shown.map { row in
                        [
                            row.name, context.money.format(row.revenue),
                            total != 0 ? "\((Double(row.revenue) / Double(total) * 100).clampedInt)%" : "–",
                        ]
                    })),
        ]
        if rows.count > shown.count { blocks.append(.text("+\(rows.count - shown.count) more categories.")) }
        return Reply(blocks: blocks)
    }

    /// "margin by category": each category's margin where costs are known, highest first.
    func categoryMargins(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let range = DayRange(
            start: resolved.start, end: resolved.end, calendar: context.org.calendar, runsToNow: resolved.isPartial)
        let rows = try PatternMetrics(store: context.store, org: context.org).categoryTotals(in: range)
            .compactMap { row in row.margin.map { (row.name, $0, row.costedRevenue) } }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Margin by category", resolved)
        guard !rows.isEmpty else {
            return Reply(blocks: [
                .title(title),
                .text("No margin yet: no sales in this period have a cost. Import products with their cost."),
            ])
        }
        let shown = rows.prefix(10)
        var blocks: [Reply.Block] = [
            .title(title),
            .table(
                Table(
                    columns: [.init("Category"), .init("Margin", .right), .init("%", .right)],
                    rows: shown.map { name, margin, costed in
                        [
                            name, context.money.format(margin),
                            costed != 0 ? "\((Double(margin) / Double(costed) * 100).clampedInt)%" : "–",
                        ]
                    })),
            .text("Margin over the lines whose cost is known."),
        ]
        if rows.count > shown.count { blocks.append(.text("+\(rows.count - shown.count) more categories.")) }
        return Reply(blocks: blocks)
    }

    func weekdays(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        // Whole days only: today so far would pull its weekday down.
        let end = resolved.isPartial ? context.org.calendar.startOfDay(resolved.end) : resolved.end
        let range = DayRange(start: resolved.start, end: max(end, resolved.start), calendar: context.org.calendar)
        let days = try PatternMetrics(store: context.store, org: context.org).weekdays(in: range).filter { $0.days > 0 }
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Average day", resolved)
        guard days.contains(where: { $0.revenue != 0 }) else {
            return Reply(blocks: [.title(title), .text("No sales in this period.")])
        }
        let money = context.money
        func average(_ list: [(weekday: Int, days: Int, revenue: Int, orders: Int)]) -> Int {
            let count = list.reduce(0) { $0 + $1.days }
            return count > 0 ? list.reduce(0) { $0 + $1.revenue } / count : 0
        }
        let weekend = days.filter { $0.weekday == 1 || $0.weekday == 7 }
        let weekdays = days.filter { $0.weekday != 1 && $0.weekday != 7 }
        let order = context.org.weekStart == .monday ? [2, 3, 4, 5, 6, 7, 1] : [1, 2, 3, 4, 5, 6, 7]
        let rows = order.compactMap { weekday in days.first { $0.weekday == weekday } }.map { day in
            [
                Self.weekdayNames[day.weekday - 1], money.format(day.revenue / max(day.days, 1)),
                NumberText.grouped(day.orders / max(day.days, 1)),
            ]
        }
        let best = days.max { $0.revenue / max($0.days, 1) < $1.revenue / max($1.days, 1) }
        let (weekendAverage, weekdayAverage) = (average(weekend), average(weekdays))
        var summary = "Weekend days average \(money.format(weekendAverage)), weekdays \(money.format(weekdayAverage))"
        if weekdayAverage > 0 { summary += " (\(NumberText.change(from: weekdayAverage, to: weekendAverage)))" }
        if let best { summary += ".\nBest day: \(Self.weekdayNames[best.weekday - 1])." }
        return Reply(blocks: [
            .title(title),
            .table(Table(columns: [.init("Day"), .init("Revenue", .right), .init("Orders", .right)], rows: rows)),
            .text(summary),
        ])
    }

    func hours(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let hours = try PatternMetrics(store: context.store, org: context.org).hours(
            from: resolved.start, to: resolved.end)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Busiest hours", resolved)
        guard hours.contains(where: { $0.orders > 0 }) else {
            return Reply(blocks: [.title(title), .text("No sales in this period.")])
        }
        let open = hours.indices.filter { hours[$0].orders > 0 }
        let first = open.first ?? 0
        let last = open.last ?? 23
        let busiest = hours.indices.sorted { (hours[$0].revenue, -$0) > (hours[$1].revenue, -$1) }.prefix(3)
        let total = hours.reduce(0) { $0 + $1.revenue }
        let rows = busiest.map { hour in
            [
                Self.hourText(hour), context.money.format(hours[hour].revenue), NumberText.grouped(hours[hour].orders),
                total != 0 ? "\((Double(hours[hour].revenue) / Double(total) * 100).clampedInt)%" : "–",
            ]
        }
        return Reply(blocks: [
            .title(title),
            .table(
                Table(
                    columns: [
                        .init("Hour"), .init("Revenue", .right), .init("Orders", .right), .init("Share", .right),
                    ],
                    rows: rows)),
            .text(
                Sparkline.render((first...last).map { hours[$0].revenue }) + "\n"
                    + "\(Self.hourText(first)) → \(Self.hourText(last)), revenue by hour"),
        ])
    }

    static func hourText(_ hour: Int) -> String { (hour < 10 ? "0" : "") + "\(hour):00" }
}
