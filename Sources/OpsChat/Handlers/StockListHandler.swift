import Foundation
import OpsCore

/// "what's out of stock", "stock dairy", "stock-outs last week": lists of stock positions.
struct StockListHandler {
    static let maxRows = 10

    func outOfStock(context: HandlerContext) throws -> Reply {
        let positions = try StockMetrics(store: context.store, org: context.org).outOfStock(now: context.now)
        guard !positions.isEmpty else { return .text("Nothing is out of stock. 👍") }
        let rows = positions.prefix(Self.maxRows).map { position in
            [position.product.name, position.dailyRate > 0 ? NumberText.short(position.dailyRate) : "–"]
        }
        return Reply(blocks: [
            .title("Out of stock: \(NumberText.grouped(positions.count)) product\(positions.count == 1 ? "" : "s")"),
            .table(Table(columns: [.init("Product"), .init("Sells/day", .right)], rows: rows)),
            .text(
                more(positions.count, shown: rows.count) + "Sells/day is the last \(StockMetrics.rateDays) days' rate."),
        ])
    }

    func category(_ name: String, context: HandlerContext) throws -> Reply {
        let positions = try StockMetrics(store: context.store, org: context.org).category(name, now: context.now)
        guard !positions.isEmpty else { return .text("No stock counted in \(name) yet.") }
        let low = positions.filter(\.isLow).count
        let rows = positions.prefix(Self.maxRows).map { position in
            [
                position.product.name, NumberText.grouped(position.quantity ?? 0),
                position.product.reorderPoint.map(NumberText.grouped) ?? "–", LowStockHandler.cover(position),
            ]
        }
        return Reply(blocks: [
            .title("Stock in \(name): \(positions.count) products" + (low > 0 ? ", \(low) low" : "")),
            .table(
                Table(
                    columns: [.init("Product"), .init("Qty", .right), .init("Min", .right), .init("Cover", .right)],
                    rows: rows)),
            .text(more(positions.count, shown: rows.count) + "Least cover first."),
        ])
    }

    func outages(period: Period, context: HandlerContext) throws -> Reply {
        let resolved = period.resolve(now: context.now, calendar: context.org.calendar)
        let outages = try StockMetrics(store: context.store, org: context.org).outages(
            from: resolved.start, to: resolved.end)
        let title = PeriodText(calendar: context.org.calendar, now: context.now).title("Stock-outs", resolved)
        guard !outages.isEmpty else { return Reply(blocks: [.title(title), .text("No product ran out. 👍")]) }
        let rows = outages.prefix(Self.maxRows).map { outage in
            [outage.product.name, NumberText.short(max(outage.days, 0.1)) + "d" + (outage.stillOut ? " *" : "")]
        }
        return Reply(blocks: [
            .title(title),
            .table(Table(columns: [.init("Product"), .init("Days out", .right)], rows: rows)),
            .text(
                more(outages.count, shown: rows.count)
                    + (outages.contains(where: \.stillOut)
                        ? "* still out now." : "From the stock counts and deliveries recorded.")),
        ])
    }

    private func more(_ total: Int, shown: Int) -> String {
        total > shown ? "+\(NumberText.grouped(total - shown)) more. " : ""
    }
}
