import OpsCore

/// "stock low?": products at or below their reorder point, most urgent first.
struct LowStockHandler {
    static let maxRows = 10

    func reply(context: HandlerContext) throws -> Reply {
        let positions = try StockMetrics(store: context.store, org: context.org).lowStock(now: context.now)
        guard !positions.isEmpty else {
            return .text("Nothing is at or below its reorder point. 👍")
        }
        let out = positions.filter(\.isOut).count
        let title = "Low stock: \(Self.count(positions.count, "product"))" + (out > 0 ? ", \(out) out" : "")
        let rows = positions.prefix(Self.maxRows).map { position -> [String] in
            [
                position.product.name, NumberText.grouped(position.quantity ?? 0),
                position.product.reorderPoint.map(NumberText.grouped) ?? "–", Self.cover(position),
            ]
        }
        var blocks: [Reply.Block] = [
            .title(title),
            .table(
                Table(
                    columns: [.init("Product"), .init("Qty", .right), .init("Min", .right), .init("Cover", .right)],
                    rows: rows)),
        ]
        let more = positions.count - rows.count
        blocks.append(
            .text(
                (more > 0 ? "+\(more) more. " : "") + "Min is the reorder point; cover is days left at"
                    + " the last \(StockMetrics.rateDays) days' rate."))
        return Reply(blocks: blocks)
    }

    static func cover(_ position: StockMetrics.Position) -> String {
        if position.isOut { return "out" }
        guard let days = position.daysOfCover else { return "–" }
        return NumberText.short(days) + "d"
    }

    static func count(_ value: Int, _ noun: String) -> String {
        "\(NumberText.grouped(value)) \(noun)\(value == 1 ? "" : "s")"
    }
}
