import OpsCore

/// "stock low?": products that need ordering — out, at or below their reorder point, or running out before a
/// delivery would come — most urgent first, as the stock alerts see them.
struct LowStockHandler {
    static let maxRows = 10

    func reply(context: HandlerContext) throws -> Reply {
        let leadDays =
            try context.store.alertRuleSet(orgID: context.org.id).rule(.daysOfCover).threshold
            ?? AlertKind.daysOfCover.defaultThreshold ?? 3
        let positions = try StockMetrics(store: context.store, org: context.org).lowStock(now: context.now)
        guard !positions.isEmpty else {
            return .text(
                "Nothing is low: every counted product is above its reorder point and lasts longer than a "
                    + "delivery takes (\(Self.count(leadDays, "day")) unless a product has its own). 👍")
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
                    + (positions.contains { $0.demand == nil && $0.dailyRate > 0 }
                        ? " the forecast (the last \(Self.count(positions[0].rateDays, "day"))' rate where none yet)"
                        : " the forecast, weekdays and all")
                    + "; a delivery takes "
                    + "\(Self.count(leadDays, "day")) unless a product has its own."))
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
