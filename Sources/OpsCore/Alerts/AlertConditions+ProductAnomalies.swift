import Foundation

/// One product's judged day far from its usual for that weekday: the median of the same weekday over 8 weeks,
/// and the spread as 1.4826 × the median absolute deviation (at least one unit). Only products that sold on at
/// least 6 of those 8 days are judged; a day the shop sold nothing (closed) is not; a drop while the product is
/// out of stock is the stock alert's, not this one's; and a product that had such an alert in the week before
/// is left alone (the cooldown).
///
/// Reading 9 days of every product is a few hundred milliseconds on 50,000 products, so a day's findings are
/// kept (in `transport_state`, with the version of the sales they were read from) and read again until sales
/// change: the alert runs every few minutes, the sales of a judged day hardly ever.
extension AlertConditions {
    static let anomalyHistoryDays = 6
    static let anomalyMinimumUnits = 5
    static let anomalyCooldownDays = 7
    static let anomalyState = "alert-anomalies"

    static func selectProductDays(_ count: Int) -> String {
        """
        SELECT product_id, day, units FROM daily_product_sales
        WHERE day IN (\(Array(repeating: "?", count: count).joined(separator: ", ")))
        """
    }
    static let selectOrgProducts = "SELECT id, name FROM products WHERE org_id = ? AND active = 1"
    static let selectSalesVersion =
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM sales), (SELECT COALESCE(MAX(id), 0) FROM imports)"
    static let selectRecentAnomalies = """
        SELECT DISTINCT product_id FROM alerts
        WHERE org_id = ? AND kind = 'product_anomaly' AND opened_at >= ? AND day IS NOT ?
        """
    static let selectProductStock = "SELECT COALESCE(SUM(quantity), 1) FROM inventory_levels WHERE product_id = ?"
    static let selectDayRevenue = "SELECT revenue FROM daily_sales WHERE org_id = ? AND day = ?"

    struct Anomaly {
        let productID: Int64
        let sold: Int
        let usual: Int
    }

    func productAnomalies(now: Date, into found: inout Found) throws {
        let rule = rules.rule(.productAnomaly)
        guard rule.enabled else { return }
        let threshold = Double(rule.threshold ?? AlertKind.productAnomaly.defaultThreshold ?? 5)
        let calendar = org.calendar
        let version =
            try database.queryFirst(Self.selectSalesVersion) { "\($0.int64(0)).\($0.int64(1)).\(threshold)" } ?? ""
        var names: [Int64: String]?
        for day in found.judgedDays.sorted() {
            guard let start = calendar.date(dayKey: day),
                (try database.queryFirst(Self.selectDayRevenue, [.integer(org.id), .text(day)]) { $0.int(0) } ?? 0) != 0
            else { continue }
            let key = "\(org.id):\(day)"
            let anomalies: [Anomaly]
            if let kept = try database.queryFirst(
                Store.selectTransportState, [.text(Self.anomalyState), .text(key)], { $0.string(0) }),
                let cached = Self.decode(kept, version: version)
            {
                anomalies = cached
            } else {
                if names == nil {
                    names = Dictionary(
                        try database.query(Self.selectOrgProducts, [.integer(org.id)]) { ($0.int64(0), $0.string(1)) }
                    ) { first, _ in first }
                }
                anomalies = try find(day: day, start: start, products: names ?? [:], threshold: threshold)
                try database.execute(
                    Store.upsertTransportState,
                    [
                        .text(Self.anomalyState), .text(key), .text(Self.encode(anomalies, version: version)),
                        .integer(Int64(now.timeIntervalSince1970)),
                    ])
            }
            guard !anomalies.isEmpty else { continue }
            let since = Int64(calendar.startOfDay(start, adding: -Self.anomalyCooldownDays).timeIntervalSince1970)
            let cooling = Set(
                try database.query(Self.selectRecentAnomalies, [.integer(org.id), .integer(since), .text(day)]) {
                    $0.int64(0)
                })
            for anomaly in anomalies where !cooling.contains(anomaly.productID) {
                // A drop while the shelf is empty is the stock alert's.
                if anomaly.sold < anomaly.usual,
                    try database.queryFirst(Self.selectProductStock, [.integer(anomaly.productID)], { $0.int(0) }) ?? 1
                        <= 0
                {
                    continue
                }
                let name =
                    try database.queryFirst("SELECT name FROM products WHERE id = ?", [.integer(anomaly.productID)]) {
                        $0.string(0)
                    } ?? ""
                let cause = "\(AlertKind.productAnomaly.rawValue):day:\(day):product:\(anomaly.productID)"
                found.conditions[cause] = AlertCondition(
                    kind: .productAnomaly, cause: cause, productID: anomaly.productID, day: day, value: anomaly.sold,
                    threshold: anomaly.usual, subject: name)
            }
        }
    }

    private func find(day: String, start: Date, products: [Int64: String], threshold: Double) throws -> [Anomaly] {
        let calendar = org.calendar
        let weeks = (1...Self.usualWeeks).map { calendar.dayKey(calendar.startOfDay(start, adding: -7 * $0)) }
        var judged: [Int64: Int] = [:]
        var history: [Int64: [Int]] = [:]
        try database.forEachRow(Self.selectProductDays(weeks.count + 1), [.text(day)] + weeks.map { .text($0) }) {
            row in
            let id = row.int64(0)
            guard products[id] != nil else { return }
            if row.string(1) == day { judged[id] = row.int(2) } else { history[id, default: []].append(row.int(2)) }
        }
        var anomalies: [Anomaly] = []
        for (id, past) in history where past.filter({ $0 > 0 }).count >= Self.anomalyHistoryDays {
            // Weeks without a row sold nothing that day.
            let values = (past + Array(repeating: 0, count: max(0, Self.usualWeeks - past.count))).map(Double.init)
            let usual = WeeklyInsights.median(values)
            let spread = max(1, 1.4826 * WeeklyInsights.median(values.map { abs($0 - usual) }))
            let sold = Double(judged[id] ?? 0)
            let residual = sold - usual
            guard abs(residual) >= Double(Self.anomalyMinimumUnits), abs(residual) / spread >= threshold else {
                continue
            }
            anomalies.append(Anomaly(productID: id, sold: Int(sold), usual: Int(usual.rounded())))
        }
        return anomalies.sorted { $0.productID < $1.productID }
    }

    /// "version|id,sold,usual;…".
    static func encode(_ anomalies: [Anomaly], version: String) -> String {
        version + "|" + anomalies.map { "\($0.productID),\($0.sold),\($0.usual)" }.joined(separator: ";")
    }

    static func decode(_ text: String, version: String) -> [Anomaly]? {
        guard text.hasPrefix(version + "|") else { return nil }
        let body = text.dropFirst(version.count + 1)
        guard !body.isEmpty else { return [] }
        var anomalies: [Anomaly] = []
        for entry in body.split(separator: ";") {
            let parts = entry.split(separator: ",").compactMap { Int64($0) }
            guard parts.count == 3 else { return nil }
            anomalies.append(Anomaly(productID: parts[0], sold: Int(parts[1]), usual: Int(parts[2])))
        }
        return anomalies
    }
}
