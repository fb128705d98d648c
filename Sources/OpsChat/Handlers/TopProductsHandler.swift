import OpsCore

/// "top 5 products this week", "worst sellers in bakery last month", "most profitable products".
struct TopProductsHandler {
    func reply(_ query: TopProducts, context: HandlerContext) throws -> Reply {
        let resolved = query.period.resolve(now: context.now, calendar: context.org.calendar)
        let range = DayRange(
            start: resolved.start, end: resolved.end, calendar: context.org.calendar, runsToNow: resolved.isPartial)
        let ranking: ProductMetrics.Ranking =
            query.metric == .revenue ? .revenue : query.metric == .units ? .units : .margin
        let count = min(max(query.count, 1), 20)
        let (rows, total) = try ProductMetrics(store: context.store, org: context.org).ranked(
            in: range, by: ranking, bottom: query.bottom, category: query.category, limit: count)
        let what =
            (query.bottom ? "Worst" : "Top") + " \(count)" + (query.category.map { " in \($0)" } ?? "")
            + (query.metric == .revenue ? "" : " by \(query.metric.rawValue)")
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title(what, resolved)
        guard !rows.isEmpty else {
            return Reply(blocks: [
                .title(title), .text("No sales in this period" + (query.category.map { " in \($0)" } ?? "") + "."),
            ])
        }
        let money = context.money
        let valueTitle = query.metric == .revenue ? "Revenue" : query.metric == .units ? "Units" : "Margin"
        let table = Table(
            columns: [
                .init("Product"), .init(valueTitle, .right),
                .init(query.metric == .units ? "Revenue" : "Units", .right),
            ],
            rows: rows.enumerated().map { index, row in
                let value: String
                switch query.metric {
                case .revenue: value = money.format(row.revenue)
                case .units: value = NumberText.grouped(row.units)
                case .margin: value = row.margin.map(money.format) ?? "–"
                }
                let second = query.metric == .units ? money.format(row.revenue) : NumberText.grouped(row.units)
                return ["\(index + 1). \(row.product.name)", value, second]
            })
        var blocks: [Reply.Block] = [.title(title), .table(table)]
        if total > rows.count { blocks.append(.text("+\(NumberText.grouped(total - rows.count)) more products sold.")) }
        if query.metric == .margin, rows.contains(where: { $0.margin == nil }) {
            blocks.append(.text("– : no cost known for that product."))
        }
        return Reply(blocks: blocks)
    }
}
