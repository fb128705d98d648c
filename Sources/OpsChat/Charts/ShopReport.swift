import Foundation
import OpsCore

/// The one-page report of a period, the shop's dashboard: KPI cards, the charts as inline SVG, top products,
/// low stock and open alerts. Self-contained HTML (inline CSS, no scripts, nothing fetched), printable, and
/// readable on a phone.
public struct ShopReport {
    let store: Store
    let org: Org
    let now: Date

    public init(store: Store, org: Org, now: Date) {
        self.store = store
        self.org = org
        self.now = now
    }

    static func escape(_ text: String) -> String { ChartSVG.escape(text) }

    /// The page, and the file name to give it ("corner-cafe-report-last-month.html").
    public func html(period: Period) throws -> (html: String, fileName: String) {
        let resolved = period.resolve(now: now, calendar: org.calendar)
        let money = MoneyFormatter(currency: org.currency)
        let metrics = SalesMetrics(store: store, org: org)
        let current = try metrics.totals(from: resolved.start, to: resolved.end)
        let previous = try metrics.totals(from: resolved.previousStart, to: resolved.previousEnd)
        let stock = StockMetrics(store: store, org: org)
        let outages = try stock.outages(from: resolved.start, to: resolved.end)
        let charts = ShopCharts(store: store, org: org, now: now)
        let text = PeriodText(calendar: org.calendar, now: now)
        let span = charts.subtitle(resolved)

        func card(_ name: String, _ value: String, _ change: String?) -> String {
            "<div class=\"card\"><div class=\"name\">\(name)</div><div class=\"value\">\(Self.escape(value))</div>"
                + (change.map { "<div class=\"change\">\(Self.escape($0))</div>" } ?? "") + "</div>"
        }
        var cards = [
            card(
                "Revenue", money.format(current.revenue), NumberText.change(from: previous.revenue, to: current.revenue)
            ),
            card(
                "Units", NumberText.grouped(current.units), NumberText.change(from: previous.units, to: current.units)),
            card(
                "Orders", NumberText.grouped(current.orders),
                NumberText.change(from: previous.orders, to: current.orders)),
            card(
                "Avg basket", current.averageBasket.map(money.format) ?? "–",
                NumberText.change(from: previous.averageBasket ?? 0, to: current.averageBasket ?? 0)),
        ]
        if current.costedRevenue != 0 {
            let margin = current.costedRevenue - current.cost
            let percent = (Double(margin) / Double(current.costedRevenue) * 100).clampedInt
            cards.append(card("Margin", money.format(margin), "\(percent)% of costed sales"))
        } else {
            cards.append(card("Margin", "–", "no product costs yet"))
        }
        cards.append(
            card("Stock-outs", NumberText.grouped(outages.count), outages.isEmpty ? "none" : "products ran out"))

        var sections: [String] = []
        for made in [
            try charts.sales(period), try charts.topProducts(period), try charts.weekdays(period),
            try charts.hours(period),
        ]
        where made.chart.series.contains(where: { $0.values.contains { ($0 ?? 0) != 0 } }) {
            sections.append(
                "<figure>\(ChartSVG.svg(made.chart))<figcaption>\(Self.escape(made.caption))</figcaption></figure>")
        }

        let range = DayRange(
            start: resolved.start, end: resolved.end, calendar: org.calendar, runsToNow: resolved.isPartial)
        let top = try ProductMetrics(store: store, org: org).ranked(
            in: range, by: .revenue, bottom: false, category: nil, limit: 10)
        let topRows = top.rows.filter { $0.revenue != 0 }.map {
            "<tr><td>\(Self.escape($0.product.name))</td><td class=\"n\">\(NumberText.grouped($0.units))</td>"
                + "<td class=\"n\">\(Self.escape(money.format($0.revenue)))</td></tr>"
        }
        sections.append(
            "<h2>Top products</h2>"
                + (topRows.isEmpty
                    ? "<p>No sales in the period.</p>"
                    : "<table><tr><th>Product</th><th class=\"n\">Units</th><th class=\"n\">Revenue</th></tr>"
                        + topRows.joined() + "</table>"))

        let low = try stock.lowStock(now: now)
        let lowRows = low.prefix(15).map { position in
            "<tr><td>\(Self.escape(position.product.name))</td><td class=\"n\">"
                + (position.quantity.map(NumberText.grouped) ?? "–") + "</td><td class=\"n\">"
                + (position.product.reorderPoint.map(NumberText.grouped) ?? "–") + "</td></tr>"
        }
        sections.append(
            "<h2>Low stock now</h2>"
                + (lowRows.isEmpty
                    ? "<p>Nothing at or below its reorder point.</p>"
                    : "<table><tr><th>Product</th><th class=\"n\">Left</th><th class=\"n\">Reorder at</th></tr>"
                        + lowRows.joined() + "</table>" + (low.count > 15 ? "<p>+\(low.count - 15) more</p>" : "")))

        let alerts = try store.unresolvedAlerts(orgID: org.id)
        let alertText = AlertText(org: org, now: now)
        let alertRows = alerts.prefix(15).map {
            "<li>#\($0.id) \(Self.escape(alertText.headline($0)))"
                + ($0.assigneeName.map { " — \(Self.escape($0))" } ?? "") + "</li>"
        }
        sections.append(
            "<h2>Open alerts</h2>"
                + (alertRows.isEmpty ? "<p>None.</p>" : "<ul>" + alertRows.joined() + "</ul>")
                + (alerts.count > 15 ? "<p>+\(alerts.count - 15) more</p>" : ""))

        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(org.name)) report, \(Self.escape(resolved.label))</title>
            <style>\(Self.style)</style></head>
            <body><main>
            <h1>\(Self.escape(org.name))</h1>
            <p class="period">Report, \(Self.escape(resolved.label)): \(Self.escape(span)) · compared with \
            \(Self.escape(text.previous(resolved)))</p>
            <section class="cards">\(cards.joined())</section>
            \(sections.joined(separator: "\n"))
            <footer>Made by OpsBot on \(Self.escape(DateText(calendar: org.calendar).moment(now, now: now))) \
            (\(Self.escape(org.timeZone.identifier))).</footer>
            </main></body></html>
            """
        let name = ShopCharts.fileName("\(org.name) report \(resolved.label)").replacingOccurrences(
            of: ".png", with: ".html")
        return (html, name)
    }

    static let style = """
        :root{color-scheme:light;font-family:"DejaVu Sans",Verdana,system-ui,sans-serif;color:#282c34;background:#f0f1f3}
        main{max-width:960px;margin:0 auto;padding:16px}
        h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .5em}
        .period{color:#6e7480;margin:0 0 1em}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px}
        .card{background:#fafaf8;border-radius:12px;padding:12px}
        .card .name{color:#6e7480;font-size:.85em}.card .value{font-size:1.4em;font-weight:bold;margin:.2em 0}
        .card .change{color:#6e7480;font-size:.85em}
        figure{margin:1.2em 0}figure svg{width:100%;height:auto;display:block}
        figcaption{color:#6e7480;font-size:.9em;margin-top:.3em}
        table{width:100%;border-collapse:collapse;background:#fafaf8;border-radius:12px}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #dee0e4}.n{text-align:right}
        ul{background:#fafaf8;border-radius:12px;padding:10px 10px 10px 30px}
        footer{color:#6e7480;font-size:.8em;margin:2em 0 1em}
        @media print{:root{background:#fff}figure,table{break-inside:avoid}}
        """
}
