import Foundation
import OpsCore

/// "forecast oat milk", "when will oat milk run out", "what should I order", purchase orders and how a product
/// is ordered: the forecast and the order plan in chat.
struct OrderingHandler {
    let matcher: ProductMatcher

    func reply(_ command: OrderingCommand, context: HandlerContext) throws -> Reply {
        switch command {
        case .forecast(let query):
            // A category ("forecast dairy next week") when no product has those words.
            var named = false
            if case .found = matcher.match(query) { named = true }
            if !named, let category = try category(named: query, context: context) {
                return try forecast(category: category, context: context)
            }
            return try product(query, context: context) { try forecast($0, context: context) }
        case .shopForecast: return try shopForecast(context: context)
        case .runOut(let query): return try product(query, context: context) { try runOut($0, context: context) }
        case .orderList(let supplier): return try orderList(supplier: supplier, context: context)
        case .ordered(let quantity, let query, let due):
            return try product(query, context: context) {
                try ordered(quantity, of: $0, due: due, context: context)
            }
        case .approve(let id): return try approve(proposalID: id, context: context)
        case .received(let quantity, let query):
            return try product(query, context: context) { try received(quantity, of: $0, context: context) }
        case .receivedPacks(let packs, let query):
            return try product(query, context: context) { product in
                guard let pack = product.packSize, pack > 1 else {
                    return .text(
                        "How many \(product.name) is that? No pack size is set: say “received \(product.name.lowercased()) 24” "
                            + "in units, or set it with “\(product.name.lowercased()) comes in packs of 12”.")
                }
                let (units, overflow) = packs.multipliedReportingOverflow(by: pack)
                guard !overflow, units <= 1_000_000 else {
                    return .text("That is more than I can count in at once: say how many units came.")
                }
                var reply = try received(units, of: product, context: context)
                reply.blocks.insert(
                    .text(
                        "\(NumberText.grouped(packs)) × \(NumberText.grouped(pack)) = \(NumberText.grouped(units)) units."
                    ),
                    at: 0)
                return reply
            }
        case .orderFor(let query): return try product(query, context: context) { try orderFor($0, context: context) }
        case .purchaseOrders: return try purchaseOrders(context: context)
        case .leadTime(let query, let days):
            return try product(query, context: context) { product in
                var changed = product
                changed.leadTimeDays = days
                try context.store.upsertProduct(changed, orgID: context.org.id, now: context.now)
                return .text("\(product.name): a delivery takes \(Self.days(days)). Forecasts and orders use it now.")
            }
        case .packSize(let query, let units):
            return try product(query, context: context) { product in
                var changed = product
                changed.packSize = units
                try context.store.upsertProduct(changed, orgID: context.org.id, now: context.now)
                return .text("\(product.name) comes in packs of \(NumberText.grouped(units)): orders round up to them.")
            }
        case .minimumOrder(let query, let units):
            return try product(query, context: context) { product in
                var terms = try context.store.orderingTerms(productID: product.id)
                terms.minimumOrder = units
                try context.store.setOrderingTerms(terms, productID: product.id)
                return .text("\(product.name): the least an order may be is \(NumberText.grouped(units)).")
            }
        case .supplier(let text): return try supplier(text, context: context)
        case .usage(let text): return .text(text)
        }
    }

    /// Runs `body` with the product `query` names, or says which ones it could mean.
    private func product(_ query: String, context: HandlerContext, _ body: (Product) throws -> Reply) throws -> Reply {
        switch matcher.match(query) {
        case .found(let product, _): return try body(product)
        case .ambiguous(let products):
            return .text("Which one do you mean?\n" + products.map { "• \($0.name)" }.joined(separator: "\n"))
        case .notFound(let closest):
            let hint =
                closest.isEmpty ? "" : " Did you mean " + closest.map { "“\($0.name)”" }.joined(separator: " or ") + "?"
            return Reply(blocks: [.text("I don't know a product called “\(query)”.\(hint)")], kind: .notUnderstood)
        }
    }

    static func days(_ count: Int) -> String { "\(count) day\(count == 1 ? "" : "s")" }

    /// The shop's category the words name: the whole name, or every word of the query in it ("dairy" for
    /// "Dairy & Alternatives").
    private func category(named query: String, context: HandlerContext) throws -> String? {
        let wanted = TextNormalizer.tokens(query)
        guard !wanted.isEmpty else { return nil }
        let names = Set(try context.store.products(orgID: context.org.id).map(\.category)).filter { !$0.isEmpty }
        let matching = names.filter { name in
            let words = TextNormalizer.tokens(name)
            return wanted.allSatisfy { word in words.contains { $0 == word || $0 == word + "s" || $0 + "s" == word } }
        }
        return matching.count == 1 ? matching.first : nil
    }

    /// "forecast dairy next week": the category's products summed by day, and the ones that sell most.
    private func forecast(category: String, context: HandlerContext) throws -> Reply {
        let products = try context.store.products(orgID: context.org.id).filter { $0.category == category }
        let history = DemandHistory(store: context.store, org: context.org)
        let series = try history.series(days: DemandHistory.forecastDays, now: context.now)
        let forecaster = try history.forecaster(now: context.now)
        var total = [Double](repeating: 0, count: 7)
        var error = 0.0
        var byProduct: [(name: String, units: Double)] = []
        for product in products {
            guard let history = series[product.id] else { continue }
            let forecast = forecaster.forecast(history, days: 7)
            for day in 0..<7 { total[day] += forecast.daily[day] }
            error += forecast.typicalError
            byProduct.append((product.name, forecast.daily.reduce(0, +)))
        }
        guard !byProduct.isEmpty else {
            return .text("Nothing in \(category) sold in the last six months to forecast from.")
        }
        let calendar = context.org.calendar
        let rows = total.enumerated().map { day, units in
            [
                context.dates.day(calendar.startOfDay(context.now, adding: day + 1), now: context.now),
                NumberText.short(units),
            ]
        }
        let top = byProduct.sorted { $0.units > $1.units }.prefix(5)
            .map { "\($0.name) \(NumberText.short($0.units))" }.joined(separator: ", ")
        return Reply(blocks: [
            .title("Forecast: \(category), next 7 days"),
            .table(Table(columns: [.init("Day"), .init("Units", .right)], rows: rows)),
            .text(
                "About \(NumberText.short(total.reduce(0, +))) units from \(byProduct.count) products; most: \(top).\n"
                    + "Each product usually within ±\(NumberText.short(error / Double(byProduct.count))) a day; "
                    + "“forecast <product>” for one."),
        ])
    }

    private func forecastOf(_ product: Product, context: HandlerContext, days: Int) throws
        -> DemandForecaster.Forecast?
    {
        try DemandHistory(store: context.store, org: context.org).forecast(
            product: product.id, now: context.now, days: days)
    }

    /// "forecast sales next week": the shop's takings for the seven days from tomorrow.
    private func shopForecast(context: HandlerContext) throws -> Reply {
        guard let forecast = try ShopForecast(store: context.store, org: context.org).takings(now: context.now, days: 8)
        else { return .text("Nothing sold in the last six months: nothing to forecast from yet.") }
        let money = context.money
        func text(_ minorUnits: Double) -> String { money.formatEstimate(max(0, minorUnits)) }
        let error = forecast.typicalError
        let week = Array(forecast.daily.dropFirst())
        let rows = week.enumerated().map { day, takings -> [String] in
            let date = context.org.calendar.startOfDay(context.now, adding: day + 1)
            return [
                context.dates.day(date, now: context.now), text(takings),
                "\(text(takings - error))–\(text(takings + error))",
            ]
        }
        return Reply(blocks: [
            .title("Forecast: sales, next 7 days"),
            .table(Table(columns: [.init("Day"), .init("Takings", .right), .init("Range", .right)], rows: rows)),
            .text(
                "About \(text(week.reduce(0, +))) in all.\n"
                    + "Usually within ±\(text(error)) a day over the last 4 weeks (\(forecast.method.name); the same "
                    + "day last week was within ±\(text(forecast.naiveBacktest.meanAbsoluteError))). "
                    + "“forecast oat milk” for one product."),
        ])
    }

    private func forecast(_ product: Product, context: HandlerContext) throws -> Reply {
        guard let forecast = try forecastOf(product, context: context, days: 8) else {
            return .text("\(product.name) has no sales in the last six months: nothing to forecast from yet.")
        }
        let calendar = context.org.calendar
        let error = forecast.typicalError
        // The forecast starts today; the reply shows the seven days from tomorrow.
        let week = Array(forecast.daily.dropFirst())
        let rows = week.enumerated().map { day, units -> [String] in
            let date = calendar.startOfDay(context.now, adding: day + 1)
            let low = max(0, units - error)
            return [
                context.dates.day(date, now: context.now), NumberText.short(units),
                "\(NumberText.short(low))–\(NumberText.short(units + error))",
            ]
        }
        var lines = [
            "Next 7 days: about \(NumberText.short(week.reduce(0, +))) in all.",
            "Usually within ±\(NumberText.short(error)) a day over the last 4 weeks (\(forecast.method.name); "
                + "the same day last week was within ±\(NumberText.short(forecast.naiveBacktest.meanAbsoluteError))).",
        ]
        if let stock = try context.store.stockQuantity(productID: product.id) {
            let left = try ForecastBook(store: context.store, org: context.org).shareOfTodayLeft(now: context.now)
            let out = StockCover.runOutDay(stock: stock, demand: forecast.daily, todayLeft: left).flatMap {
                $0 < forecast.daily.count ? $0 : nil
            }
            lines.append(
                "Stock \(NumberText.grouped(stock)): "
                    + (out.map {
                        "runs out around \(context.dates.day(calendar.startOfDay(context.now, adding: $0), now: context.now))."
                    }
                        ?? "lasts past the week."))
        }
        return Reply(blocks: [
            .title("Forecast: \(product.name)"),
            .table(Table(columns: [.init("Day"), .init("Units", .right), .init("Range", .right)], rows: rows)),
            .text(lines.joined(separator: "\n")),
        ])
    }

    private func runOut(_ product: Product, context: HandlerContext) throws -> Reply {
        guard let stock = try context.store.stockQuantity(productID: product.id) else {
            return .text("\(product.name) has never been counted: send a stock count to know when it runs out.")
        }
        guard let forecast = try forecastOf(product, context: context, days: 28) else {
            return .text(
                "\(product.name): \(NumberText.grouped(stock)) in stock and no recent sales, so no end in sight.")
        }
        let perDay = forecast.daily.dropFirst().prefix(7).reduce(0, +) / 7
        let onOrder = try context.store.openPurchaseOrders(productID: product.id)
        var text = "\(product.name): \(NumberText.grouped(stock)) in stock, about \(NumberText.short(perDay)) a day"
        let left = try ForecastBook(store: context.store, org: context.org).shareOfTodayLeft(now: context.now)
        if stock <= 0 {
            text = "\(product.name) is out of stock now; it sells about \(NumberText.short(perDay)) a day."
        } else if let day = StockCover.runOutDay(stock: stock, demand: forecast.daily, todayLeft: left),
            day < forecast.daily.count
        {
            let date = context.org.calendar.startOfDay(context.now, adding: day)
            text +=
                " → runs out around \(context.dates.day(date, now: context.now))"
                + (day == 0 ? " (today)." : " (in \(Self.days(day))).")
        } else {
            text += " → lasts beyond four weeks."
        }
        for order in onOrder {
            text +=
                "\nOn order: \(NumberText.grouped(order.outstanding))"
                + (order.dueAt.map { ", due \(context.dates.day($0, now: context.now))" } ?? "") + "."
        }
        return .text(text)
    }

    private func plan(context: HandlerContext) throws -> [ReorderPlanner.Suggestion] {
        let lead =
            try context.store.alertRuleSet(orgID: context.org.id).rule(.daysOfCover).threshold
            ?? AlertKind.daysOfCover.defaultThreshold ?? 3
        return try ReorderPlanner(store: context.store, org: context.org).plan(now: context.now, defaultLeadDays: lead)
    }

    /// "how much oat milk should I order": the product's line of the plan, or why it needs none yet.
    private func orderFor(_ product: Product, context: HandlerContext) throws -> Reply {
        guard let suggestion = try plan(context: context).first(where: { $0.product.id == product.id }) else {
            var reply = try runOut(product, context: context)
            reply.blocks.insert(
                .text("No need to order \(product.name) yet: it lasts until the order after next would arrive."), at: 0)
            return reply
        }
        return .text(
            "Order " + line(for: suggestion, context: context)
                + "\nFrom the forecast over lead time + a week, with safety stock for 95 %. Ordered? "
                + "“ordered \(suggestion.quantity) \(product.name.lowercased())”.")
    }

    /// "Oat Milk 1L: 24 (2 × 12) — covers to Sat 12 Dec; 6 in stock".
    private func line(for suggestion: ReorderPlanner.Suggestion, context: HandlerContext) -> String {
        let covers = context.org.calendar.startOfDay(
            context.now, adding: suggestion.leadDays + suggestion.terms.reviewDays)
        var line = "\(suggestion.product.name): \(NumberText.grouped(suggestion.quantity))"
        if let pack = suggestion.product.packSize, pack > 1 {
            line += " (\(NumberText.grouped(suggestion.quantity / pack)) × \(NumberText.grouped(pack)))"
        }
        line +=
            " — covers to \(context.dates.day(covers, now: context.now)); \(NumberText.grouped(suggestion.stock)) in stock"
        if suggestion.onOrder > 0 { line += ", \(NumberText.grouped(suggestion.onOrder)) on order" }
        if let out = suggestion.runsOutInDays, out < suggestion.leadDays { line += "; runs out before a delivery" }
        return line
    }

    private func orderList(supplier: String?, context: HandlerContext) throws -> Reply {
        var plan = try plan(context: context)
        if let supplier {
            plan = plan.filter { ($0.terms.supplier ?? "").lowercased().contains(supplier.lowercased()) }
            guard !plan.isEmpty else {
                return .text(
                    "Nothing to order from “\(supplier)” now (or no product has that supplier: “supplier oat milk Dairy Direct” sets one)."
                )
            }
        }
        guard !plan.isEmpty else {
            return .text(
                "Nothing needs ordering: every counted product lasts until the order after next would arrive. 👍")
        }
        var lines: [String] = []
        var current: String??
        for suggestion in plan.prefix(Self.maxLines) {
            if current != .some(suggestion.terms.supplier) {
                current = .some(suggestion.terms.supplier)
                lines.append("— \(suggestion.terms.supplier ?? "No supplier set") —")
            }
            lines.append(line(for: suggestion, context: context))
        }
        if plan.count > Self.maxLines {
            lines.append("+\(plan.count - Self.maxLines) more: “order list for <supplier>” sends a file.")
        }
        lines.append(
            "From the forecast over lead time + a week, with safety stock for 95 %. Ordered? “ordered 24 oat milk arriving friday”."
        )
        var reply = Reply(
            blocks: [
                .title(
                    "What to order: \(plan.count) product\(plan.count == 1 ? "" : "s")"
                        + (supplier.map { " from \($0)" } ?? "")),
                .text(lines.joined(separator: "\n")),
            ], buttons: try approveButtons(plan, context: context))
        if supplier != nil {
            var csv = "sku,name,quantity,pack_size\n"
            for suggestion in plan {
                csv +=
                    [suggestion.product.sku, suggestion.product.name].map(Self.csvField).joined(separator: ",")
                    + ",\(suggestion.quantity),\(suggestion.product.packSize.map(String.init) ?? "")\n"
            }
            reply.attachments = [Reply.Attachment(fileName: "order.csv", mimeType: "text/csv", bytes: Array(csv.utf8))]
        }
        return reply
    }

    static let maxLines = 15

    static func csvField(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private func ordered(_ quantity: Int, of product: Product, due: String?, context: HandlerContext) throws -> Reply {
        let calendar = context.org.calendar
        let lead = product.leadTimeDays ?? 3
        let dueAt =
            due.flatMap { DueTimeParser(calendar: calendar, now: context.now).parse($0) }
            ?? calendar.startOfDay(context.now, adding: lead).addingTimeInterval(17 * 3600)
        if let due, DueTimeParser(calendar: calendar, now: context.now).parse(due) == nil {
            return .text(
                "When is it due? “ordered \(quantity) \(product.name.lowercased()) arriving friday” (or tomorrow, or 2026-12-01)."
            )
        }
        try context.store.write {
            try context.store.recordPurchaseOrder(
                orgID: context.org.id, productID: product.id, quantity: quantity, dueAt: dueAt,
                orderedBy: context.member.name, now: context.now)
            try context.store.recordActivity(
                orgID: context.org.id, memberID: context.member.id, kind: "order.placed",
                summary: "\(context.member.name) ordered \(quantity) \(product.name)", at: context.now)
        }
        _ = try AlertEngine(store: context.store, org: context.org, recipients: context.alertRecipients).evaluate(
            now: context.now)
        return .text(
            "On order: \(NumberText.grouped(quantity)) \(product.name), due \(context.dates.day(dueAt, now: context.now)). "
                + "Its low-stock alert waits until then; “received \(product.name.lowercased()) \(quantity)” books it in."
        )
    }

    private func received(_ quantity: Int, of product: Product, context: HandlerContext) throws -> Reply {
        var extra = 0
        var stock = 0
        try context.store.write {
            extra = try context.store.receivePurchaseOrders(productID: product.id, quantity: quantity, now: context.now)
            let (sum, overflow) = (try context.store.stockQuantity(productID: product.id) ?? 0)
                .addingReportingOverflow(quantity)
            stock = overflow ? Int.max : sum
            try context.store.recordStock(
                productID: product.id, quantity: stock, countedAt: context.now, reason: "received")
        }
        _ = try AlertEngine(store: context.store, org: context.org, recipients: context.alertRecipients).evaluate(
            now: context.now)
        let left = try context.store.openPurchaseOrders(productID: product.id).reduce(0) { $0 + $1.outstanding }
        var text =
            "Received \(NumberText.grouped(quantity)) \(product.name): \(NumberText.grouped(stock)) in stock now."
        if left > 0 { text += " Still on order: \(NumberText.grouped(left))." }
        if extra > 0 && extra < quantity { text += " \(NumberText.grouped(extra)) more came than was on order." }
        return .text(text)
    }

    private func purchaseOrders(context: HandlerContext) throws -> Reply {
        let orders = try context.store.openPurchaseOrders(orgID: context.org.id)
        guard !orders.isEmpty else {
            return .text("Nothing on order. “ordered 24 oat milk arriving friday” records an order.")
        }
        let lines = try orders.prefix(20).map { order -> String in
            let name = try context.store.product(id: order.productID)?.name ?? "product \(order.productID)"
            var line = "\(name): \(NumberText.grouped(order.outstanding))"
            if order.received > 0 { line += " of \(NumberText.grouped(order.quantity))" }
            if let due = order.dueAt {
                line +=
                    order.isOverdue(now: context.now)
                    ? ", was due \(context.dates.day(due, now: context.now)) — late"
                    : ", due \(context.dates.day(due, now: context.now))"
            }
            return line + " (\(order.orderedBy))"
        }
        return Reply(blocks: [.title("On order: \(orders.count)"), .text(lines.joined(separator: "\n"))])
    }

    /// "supplier oat milk Dairy Direct": the longest start of the words that names one product; the rest is the
    /// supplier, as typed.
    private func supplier(_ text: String, context: HandlerContext) throws -> Reply {
        let parts = text.split(separator: " ").map(String.init)
        for split in stride(from: parts.count - 1, through: 1, by: -1) {
            let query = parts[..<split].joined(separator: " ")
            guard case .found(let product, _) = matcher.match(query) else { continue }
            let name = parts[split...].joined(separator: " ").trimmingCharacters(in: .whitespaces)
            var terms = try context.store.orderingTerms(productID: product.id)
            terms.supplier = name
            try context.store.setOrderingTerms(terms, productID: product.id)
            return .text("\(product.name) comes from \(name): “order list for \(name)” makes its order.")
        }
        return .text("Say the product, then the supplier: “supplier oat milk Dairy Direct”.")
    }
}
