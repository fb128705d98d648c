import Foundation
import OpsCore

/// "did we sell any croissants yesterday", "how many lattes this week", "oat milk sales in october": one
/// product's units and revenue in a period, against the period before.
struct ProductSalesHandler {
    let matcher: ProductMatcher

    func reply(query: String, period: Period, context: HandlerContext) throws -> Reply {
        let product: Product
        switch matcher.match(query) {
        case .found(let found, _): product = found
        case .ambiguous(let products):
            return Reply(
                blocks: [
                    .text("Which one do you mean?\n" + products.map { "• \($0.name)" }.joined(separator: "\n"))
                ],
                buttons: products.map { .init(label: $0.name, action: "sales \($0.sku) \(period.phrase)") })
        case .notFound(let closest):
            let hint = closest.isEmpty ? "" : " Did you mean " + closest.map { "“\($0.name)”" }.joined(separator: ", ")
            return Reply(
                blocks: [.text("I don't know a product called “\(query)”.\(hint.isEmpty ? "" : hint + "?")")],
                buttons: closest.map { .init(label: $0.name, action: "sales \($0.sku) \(period.phrase)") },
                kind: .notUnderstood)
        }
        let calendar = context.org.calendar
        let resolved = period.resolve(now: context.now, calendar: calendar)
        let metrics = ProductMetrics(store: context.store, org: context.org)
        func sums(_ start: Date, _ end: Date) throws -> (units: Int, revenue: Int) {
            guard start < end else { return (0, 0) }
            let series = try metrics.daily(product: product, in: DayRange(start: start, end: end, calendar: calendar))
            return series.reduce((0, 0)) { ($0.0 + $1.units, $0.1 + $1.revenue) }
        }
        // The rollups hold whole days: today's figure is all of today so far; earlier spans end at midnight.
        let current = try sums(resolved.start, resolved.end)
        let previous = try sums(resolved.previousStart, resolved.previousEnd)
        let text = PeriodText(calendar: calendar, now: context.now)
        let money = context.money
        let sold =
            current.units == 0
            ? "None sold."
            : "\(NumberText.grouped(current.units)) sold, \(money.format(current.revenue))"
                + " (\(NumberText.change(from: previous.units, to: current.units)) units)."
        return Reply(blocks: [
            .title(text.title("\(product.name) sales", resolved)),
            .text(
                sold + "\nvs \(text.previous(resolved)): \(NumberText.grouped(previous.units)) sold, "
                    + money.format(previous.revenue)),
        ])
    }
}
