import OpsCore

/// "how is oat milk doing", "trend croissant 30 days": the daily trend, total, best day, stock and cover.
struct ProductTrendHandler {
    let matcher: ProductMatcher

    func reply(query: String, period: Period, context: HandlerContext) throws -> Reply {
        let product: Product
        switch matcher.match(query) {
        case .found(let found, _): product = found
        case .ambiguous, .notFound:
            return try ProductStockHandler(matcher: matcher).reply(query: query, context: context)
        }
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let range = DayRange(start: resolved.start, end: resolved.end, calendar: context.org.calendar)
        let series = try ProductMetrics(store: context.store, org: context.org).daily(product: product, in: range)
        let position = try StockMetrics(store: context.store, org: context.org).position(of: product, now: context.now)
        let text = PeriodText(calendar: context.org.calendar, now: context.now)
        let money = context.money
        let units = series.reduce(0) { $0 + $1.units }
        let revenue = series.reduce(0) { $0 + $1.revenue }
        var lines = [Sparkline.render(series.map(\.units))]
        lines.append(
            "\(NumberText.grouped(units)) sold, \(money.format(revenue))"
                + (series.isEmpty ? "" : ", ~\(NumberText.short(Double(units) / Double(series.count)))/day"))
        if let best = series.max(by: { $0.units < $1.units }), best.units > 0,
            let day = context.org.calendar.date(dayKey: best.day)
        {
            lines.append(
                "Best day: \(DateText(calendar: context.org.calendar).day(day, now: context.now)), "
                    + "\(NumberText.grouped(best.units)) sold")
        }
        if let quantity = position.quantity {
            var stock = "Stock now: \(NumberText.grouped(quantity))"
            if let cover = position.daysOfCover { stock += ", \(NumberText.short(cover)) days of cover" }
            lines.append(stock)
        }
        lines += try orderHistory(of: product, context: context)
        return Reply(blocks: [.title(text.title(product.name, resolved)), .text(lines.joined(separator: "\n"))])
    }

    /// The last few purchase orders, newest first: what came, what is still to come, what is late.
    private func orderHistory(of product: Product, context: HandlerContext) throws -> [String] {
        let orders = try context.store.purchaseOrders(productID: product.id, limit: 3)
        guard !orders.isEmpty else { return [] }
        let dates = context.dates
        let items = orders.map { order -> String in
            var item = "\(NumberText.grouped(order.quantity)) on \(dates.day(order.orderedAt, now: context.now))"
            if let closed = order.closedAt {
                item +=
                    order.received >= order.quantity
                    ? ", received \(dates.day(closed, now: context.now))"
                    : ", closed \(dates.day(closed, now: context.now)) with \(NumberText.grouped(order.received)) received"
            } else if let due = order.dueAt {
                item +=
                    order.isOverdue(now: context.now)
                    ? ", was due \(dates.day(due, now: context.now)) — late"
                    : ", due \(dates.day(due, now: context.now))"
                if order.received > 0 { item += " (\(NumberText.grouped(order.received)) in)" }
            }
            return item
        }
        return ["Orders: " + items.joined(separator: "; ")]
    }
}
