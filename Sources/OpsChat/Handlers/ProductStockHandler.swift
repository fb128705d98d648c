import OpsCore

/// "stock oat milk", "how many croissants left": one product's stock, reorder point and last sale.
struct ProductStockHandler {
    let matcher: ProductMatcher

    func reply(query: String, context: HandlerContext) throws -> Reply {
        switch matcher.match(query) {
        case .found(let product, let alternatives):
            var reply = try describe(product, context: context)
            if !alternatives.isEmpty {
                reply.blocks.append(.text("Also: " + alternatives.map(\.name).joined(separator: ", ")))
                reply.buttons = alternatives.map { Reply.Button(label: $0.name, action: "stock \($0.sku)") }
            }
            return reply
        case .ambiguous(let products):
            return Reply(
                blocks: [.text("Which one do you mean?\n" + products.map { "• \($0.name)" }.joined(separator: "\n"))],
                buttons: products.map { Reply.Button(label: $0.name, action: "stock \($0.sku)") })
        case .notFound(let closest):
            // Not understood: no product has all those words (a group hears nothing, as for any message it
            // cannot place).
            guard !closest.isEmpty else {
                return Reply(
                    blocks: [
                        .text("I don't know a product called “\(query)”. Try its name as on the till, or its SKU.")
                    ],
                    kind: .notUnderstood)
            }
            return Reply(
                blocks: [
                    .text(
                        "I don't know a product called “\(query)”. Did you mean "
                            + closest.map { "“\($0.name)”" }.joined(separator: " or ") + "?")
                ],
                buttons: closest.map { Reply.Button(label: $0.name, action: "stock \($0.sku)") }, kind: .notUnderstood)
        }
    }

    /// "Forecast: ~31 a day next week; runs out around Fri 27 Nov": cover from the forecast, with what is on
    /// order arriving in it.
    private func forecastLine(_ product: Product, stock: Int?, context: HandlerContext) throws -> String? {
        guard
            let forecast = try DemandHistory(store: context.store, org: context.org).forecast(
                product: product.id, now: context.now, days: 28)
        else { return nil }
        // The forecast starts today: next week is the seven days from tomorrow.
        let perDay = forecast.daily.dropFirst().prefix(7).reduce(0, +) / 7
        var line = "Forecast: ~\(NumberText.short(perDay)) a day next week"
        guard let stock, stock > 0 else { return line }
        let onOrder = try context.store.openPurchaseOrders(productID: product.id).reduce(0) { $0 + $1.outstanding }
        let left = try ForecastBook(store: context.store, org: context.org).shareOfTodayLeft(now: context.now)
        if let day = StockCover.runOutDay(stock: stock + onOrder, demand: forecast.daily, todayLeft: left),
            day < forecast.daily.count
        {
            let date = context.org.calendar.startOfDay(context.now, adding: day)
            line +=
                "; runs out around \(context.dates.day(date, now: context.now))"
                + (onOrder > 0 ? " with what is on order" : "")
        } else {
            line += "; lasts beyond four weeks"
        }
        return line
    }

    private func describe(_ product: Product, context: HandlerContext) throws -> Reply {
        let position = try StockMetrics(store: context.store, org: context.org).position(of: product, now: context.now)
        let dates = context.dates
        var lines: [String] = []
        if let quantity = position.quantity {
            var line = "In stock: \(NumberText.grouped(quantity))"
            if let reorderPoint = product.reorderPoint {
                line += " (reorder at \(NumberText.grouped(reorderPoint)))"
                if position.isOut {
                    line += " — out of stock"
                } else if position.isLow {
                    line += " — low"
                }
            }
            lines.append(line)
        } else {
            lines.append("Never counted: import a stock count to track it.")
        }
        if position.dailyRate > 0 {
            var line = "Sells ~\(NumberText.short(position.dailyRate)) a day"
            if let cover = position.daysOfCover { line += ", \(NumberText.short(cover)) days of cover" }
            if position.isEarly {
                line += " (early: \(position.rateDays) day\(position.rateDays == 1 ? "" : "s") of sales so far)"
            }
            lines.append(line)
        }
        if let forecast = try forecastLine(product, stock: position.quantity, context: context) {
            lines.append(forecast)
        }
        for order in try context.store.openPurchaseOrders(productID: product.id) {
            lines.append(
                "On order: \(NumberText.grouped(order.outstanding))"
                    + (order.dueAt.map { ", due \(dates.day($0, now: context.now))" } ?? ""))
        }
        lines.append("Last sold: " + (position.lastSoldAt.map { dates.moment($0, now: context.now) } ?? "never"))
        if let countedAt = position.countedAt { lines.append("Counted: " + dates.moment(countedAt, now: context.now)) }
        return Reply(blocks: [.title("\(product.name) · \(product.sku)"), .text(lines.joined(separator: "\n"))])
    }
}
