import Foundation

/// Finds which alert causes hold now, from stock levels, the demand forecasts (recent selling rates where a
/// product has none) and daily revenue.
///
/// Reads whole tables in a few statements (no query per product): 50,000 products evaluate in well under
/// a second.
struct AlertConditions {
    let database: Database
    let org: Org
    let rules: AlertRuleSet
    /// Each product's demand from today on (`ForecastBook`): cover is read against it. A product without one
    /// is covered at its recent rate.
    var demand: [Int64: [Double]] = [:]
    /// The share of today's sales still to come.
    var todayLeft = 1.0

    /// Days of sales behind the selling rate for days of cover (the same window as `StockMetrics`).
    static let rateDays = StockMetrics.rateDays
    /// The same weekday over this many weeks before sets a day's usual revenue; fewer than
    /// `minimumWeeks` of history and the day is not judged.
    static let usualWeeks = 8
    static let minimumWeeks = 4
    /// Complete days whose revenue is judged: yesterday and the day before (a late import still counts).
    static let judgedDays = 2

    static let selectStock = """
        SELECT p.id, p.name, p.category, p.reorder_point, p.lead_time_days, SUM(l.quantity)
        FROM products p JOIN inventory_levels l ON l.product_id = p.id
        WHERE p.org_id = ? AND p.active = 1 GROUP BY p.id
        """
    // No join to products: rows of other orgs are skipped by the caller, which is cheaper than a lookup per row.
    static let selectUnits = "SELECT product_id, units FROM daily_product_sales WHERE day >= ? AND day < ?"
    static let selectRevenue = "SELECT day, revenue FROM daily_sales WHERE org_id = ? AND day >= ? ORDER BY day"
    static let selectFirstDay = "SELECT MIN(day) FROM daily_sales WHERE org_id = ?"
    static let selectOnOrder = """
        SELECT DISTINCT product_id FROM purchase_orders
        WHERE org_id = ? AND closed_at IS NULL AND (due_at IS NULL OR due_at > ?)
        """

    struct Found {
        var conditions: [String: AlertCondition] = [:]
        /// Sales days that were judged: an open alert about another day is left alone.
        var judgedDays: Set<String> = []
        /// The earliest day that can still be judged: an alert about a day before it is about the past.
        var firstJudgedDay = ""
    }

    func find(now: Date) throws -> Found {
        var found = Found()
        found.firstJudgedDay = org.calendar.dayKey(org.calendar.startOfDay(now, adding: -Self.judgedDays))
        try stock(now: now, into: &found)
        try sales(now: now, into: &found)
        try productAnomalies(now: now, into: &found)
        return found
    }

    private func stock(now: Date, into found: inout Found) throws {
        struct Stock {
            let id: Int64
            let name: String
            let category: String
            let reorderPoint: Int?
            let leadTime: Int?
            let quantity: Int
        }
        var stock: [Int64: Stock] = [:]
        for item in try database.query(
            Self.selectStock, [.integer(org.id)],
            { row in
                Stock(
                    id: row.int64(0), name: row.string(1), category: row.string(2), reorderPoint: row.optionalInt(3),
                    leadTime: row.optionalInt(4), quantity: row.int(5))
            })
        {
            stock[item.id] = item
        }
        let calendar = org.calendar
        let from = calendar.dayKey(calendar.startOfDay(now, adding: -Self.rateDays))
        let to = calendar.dayKey(now)
        var units: [Int64: Int] = [:]
        try database.forEachRow(Self.selectUnits, [.text(from), .text(to)]) { row in
            let id = row.int64(0)
            if stock[id] != nil { units[id, default: 0] += row.int(1) }
        }
        let rateDays = try StockMetrics.rateDays(database: database, org: org, now: now)
        let inStock = try StockMetrics.inStockDays(database: database, org: org, days: rateDays, now: now)
        let defaultLead = rules.rule(.daysOfCover).threshold ?? AlertKind.daysOfCover.defaultThreshold ?? 3
        // On order and not yet due: its low-stock and cover alerts wait for the delivery (past the due day
        // without a receipt, they come back).
        let onOrder = try database.query(
            Self.selectOnOrder, [.integer(org.id), .integer(Int64(now.timeIntervalSince1970))]
        ) {
            $0.int64(0)
        }
        let awaited = Set(onOrder)
        for item in stock.values {
            let out = item.quantity <= 0
            if out {
                add(.outOfStock, item.id, value: item.quantity, threshold: 0, subject: item.name, into: &found)
            }
            let threshold = rules.lowStockThreshold(
                productID: item.id, reorderPoint: item.reorderPoint, category: item.category)
            let low = threshold.map { item.quantity <= $0 } ?? false
            if let threshold, low {
                add(
                    .lowStock, item.id, value: item.quantity, threshold: threshold, subject: item.name,
                    suppressed: out || awaited.contains(item.id), into: &found)
            }
            let sold = units[item.id] ?? 0
            if item.quantity > 0, sold > 0 {
                let lead = item.leadTime ?? defaultLead
                // Cover in tenths of a day: quantity / (sold / days in stock). Stored counts and lead times may be
                // any size an older build let in: a product that overflows is not short of anything.
                let coverTenths: Int
                if let demand = demand[item.id] {
                    // Nothing expected to sell in the forecast: no cover to run short of.
                    guard let cover = StockCover.days(stock: item.quantity, demand: demand, todayLeft: todayLeft) else {
                        continue
                    }
                    coverTenths = (cover * 10).rounded(.down).clampedInt
                } else if let days = inStock[item.id] {
                    coverTenths = (Double(item.quantity) * days * 10 / Double(sold)).rounded(.down).clampedInt
                } else {
                    let (scaled, overflow) = item.quantity.multipliedReportingOverflow(by: rateDays * 10)
                    coverTenths = overflow ? Int.max : scaled / sold
                }
                let (leadTenths, leadOverflow) = lead.multipliedReportingOverflow(by: 10)
                if coverTenths < (leadOverflow ? Int.max : leadTenths) {
                    add(
                        .daysOfCover, item.id, value: coverTenths, threshold: lead, subject: item.name,
                        suppressed: low || awaited.contains(item.id), into: &found)
                }
            }
        }
    }

    private func add(
        _ kind: AlertKind, _ productID: Int64, value: Int, threshold: Int?, subject: String, suppressed: Bool = false,
        into found: inout Found
    ) {
        let cause = AlertCondition.productCause(kind, productID)
        found.conditions[cause] = AlertCondition(
            kind: kind, cause: cause, productID: productID, day: nil, value: value, threshold: threshold,
            subject: subject,
            suppressed: suppressed)
    }

    private func sales(now: Date, into found: inout Found) throws {
        let calendar = org.calendar
        guard
            let firstDay = try database.queryFirst(Self.selectFirstDay, [.integer(org.id)], { $0.optionalString(0) })
                ?? nil
        else { return }
        let earliest = calendar.dayKey(
            calendar.startOfDay(now, adding: -(Self.judgedDays + 7 * Self.usualWeeks)))
        var revenue: [String: Int] = [:]
        var lastDay = ""
        for (day, amount) in try database.query(
            Self.selectRevenue, [.integer(org.id), .text(earliest)],
            {
                ($0.string(0), $0.int(1))
            })
        {
            revenue[day] = amount
            lastDay = max(lastDay, day)
        }
        for back in 1...Self.judgedDays {
            let dayStart = calendar.startOfDay(now, adding: -back)
            let day = calendar.dayKey(dayStart)
            // A day with no sales counts as zero only once later sales show its export is in.
            guard revenue[day] != nil || lastDay > day else { continue }
            found.judgedDays.insert(day)
            var samples: [Int] = []
            for week in 1...Self.usualWeeks {
                let earlier = calendar.dayKey(calendar.startOfDay(dayStart, adding: -7 * week))
                if earlier >= firstDay { samples.append(revenue[earlier] ?? 0) }
            }
            guard samples.count >= Self.minimumWeeks else { continue }
            samples.sort()
            let usual =
                samples.count % 2 == 1
                ? samples[samples.count / 2] : (samples[samples.count / 2 - 1] + samples[samples.count / 2]) / 2
            guard usual > 0 else { continue }
            let amount = revenue[day] ?? 0
            let drop = rules.rule(.salesDrop).threshold ?? 40
            let spike = rules.rule(.salesSpike).threshold ?? 60
            var kind: AlertKind?
            if amount * 100 < usual * (100 - drop) { kind = .salesDrop }
            if amount * 100 > usual * (100 + spike) { kind = .salesSpike }
            if let kind {
                let cause = AlertCondition.dayCause(kind, day)
                found.conditions[cause] = AlertCondition(
                    kind: kind, cause: cause, productID: nil, day: day, value: amount, threshold: usual, subject: day)
            }
        }
    }
}
