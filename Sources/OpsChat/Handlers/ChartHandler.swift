import Foundation
import OpsCore

/// "chart sales last 30 days", "graph top products this month", "chart oat milk": the picture as a PNG with a
/// one-line caption stating the period and the headline figure. The text answer stays the default; this is
/// what its "📈 Chart" button asks for.
struct ChartHandler {
    let matcher: ProductMatcher

    func reply(_ request: ChartRequest, context: HandlerContext) throws -> Reply {
        let charts = ShopCharts(store: context.store, org: context.org, now: context.now)
        let made: ShopCharts.Made
        switch request {
        case .sales(let period): made = try charts.sales(period)
        case .topProducts(let period): made = try charts.topProducts(period)
        case .weekdays(let period): made = try charts.weekdays(period)
        case .hours(let period): made = try charts.hours(period)
        case .staffing(let period): made = try charts.staffing(period)
        case .product(let query, let period):
            guard case .found(let product, _) = matcher.match(query) else {
                return try ProductStockHandler(matcher: matcher).reply(query: query, context: context)
            }
            made = try charts.product(product, period: period)
        case .forecast(let query):
            guard case .found(let product, _) = matcher.match(query) else {
                return try ProductStockHandler(matcher: matcher).reply(query: query, context: context)
            }
            guard let forecast = try charts.forecast(product) else {
                return .text("\(product.name) has no sales in the last six months: nothing to forecast from yet.")
            }
            made = forecast
        }
        let empty = made.chart.series.allSatisfy { $0.values.allSatisfy { ($0 ?? 0) == 0 } }
        guard !empty else {
            return .text(made.caption + ". Nothing to draw yet: import your till's sales export to see it.")
        }
        return Reply(
            blocks: [.text(made.caption)],
            attachments: [.init(fileName: made.name, mimeType: "image/png", bytes: ChartRenderer.png(made.chart))])
    }
}
