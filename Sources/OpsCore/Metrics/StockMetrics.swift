import Foundation

/// Stock positions: what is low, how long it will last, and one product's state.
public struct StockMetrics {
    let database: Database
    let org: Org
    /// Where cover is read from.
    let book: ForecastBook

    public init(store: Store, org: Org) {
        self.database = store.database
        self.org = org
        self.book = ForecastBook(store: store, org: org)
    }

    /// One product's stock, with its recent selling rate.
    public struct Position: Sendable, Equatable {
        public let product: Product
        /// Units on hand over all locations; nil when never counted.
        public let quantity: Int?
        /// Average units sold per day over the last `rateDays` days, less the days a count had it out of stock.
        public let dailyRate: Double
        public let lastSoldAt: Date?
        public let countedAt: Date?
        /// The days the rate is taken over: 28, or fewer when the shop's sales begin later.
        public var rateDays = StockMetrics.rateDays

        /// The rate rests on less than a week of the shop's sales: say it is early.
        public var isEarly: Bool { rateDays < 7 }

        /// Its demand forecast from today's start (`ForecastBook`); nil when it has none yet.
        public var demand: [Double]?
        /// The share of today's sales still to come.
        public var todayLeft = 1.0

        /// Days until it runs out: against its forecast, else at the recent rate; nil when it is not selling.
        public var daysOfCover: Double? {
            guard let quantity, dailyRate > 0 else { return nil }
            if let demand { return StockCover.days(stock: quantity, demand: demand, todayLeft: todayLeft) }
            return max(0, Double(quantity)) / dailyRate
        }

        public var isOut: Bool { (quantity ?? 1) <= 0 }

        public var isLow: Bool {
            guard let quantity, let reorderPoint = product.reorderPoint else { return false }
            return quantity <= reorderPoint
        }
    }

    /// The window of the selling rate behind days of cover.
    public static let rateDays = 28

    static let selectFirstDay = "SELECT MIN(day) FROM daily_sales WHERE org_id = ?"

    /// The days a selling rate is taken over: the last 28 whole days, or the whole days since the shop's first sale
    /// when that is fewer (a shop with 14 days of history sells its 14 days' units over 14 days, not 28); at least 1.
    static func rateDays(database: Database, org: Org, now: Date) throws -> Int {
        let calendar = org.calendar
        guard let first = try database.queryFirst(Self.selectFirstDay, [.integer(org.id)], { $0.optionalString(0) }),
            let firstDay = first.flatMap(calendar.date(dayKey:))
        else { return rateDays }
        let today = calendar.startOfDay(now)
        let days = Int((today.timeIntervalSince(calendar.startOfDay(firstDay)) / 86_400).rounded())
        return min(rateDays, max(1, days))
    }

    /// Per product, the days of the rate's window it was in stock, where a count says it was out for part of
    /// them: a product out for 10 of 28 days sold its units in 18. Products never out are not in the map.
    /// `product` limits it to one product's history.
    static func inStockDays(database: Database, org: Org, days: Int, now: Date, product: Int64? = nil) throws
        -> [Int64: Double]
    {
        let calendar = org.calendar
        let today = calendar.startOfDay(now)
        let outages = try outageSeconds(
            database: database, org: org, from: calendar.startOfDay(now, adding: -days), to: today, product: product)
        return outages.mapValues { max(1, Double(days) - $0.seconds / 86_400) }
    }

    static let selectPosition = """
        SELECT (SELECT SUM(quantity) FROM inventory_levels WHERE product_id = ?1),
               (SELECT MAX(counted_at) FROM inventory_levels WHERE product_id = ?1),
               (SELECT COALESCE(SUM(units), 0) FROM daily_product_sales WHERE product_id = ?1 AND day >= ?2 AND day < ?3),
               (SELECT MAX(day) FROM daily_product_sales WHERE product_id = ?1)
        """
    static let selectLastSale = """
        SELECT MAX(sold_at) FROM sales WHERE org_id = ? AND sold_at >= ? AND sold_at < ? AND product_id = ?
        """

    /// Products that need ordering, as the stock alerts see them: out, at or below the reorder point, or with an
    /// open "runs out soon" alert (less cover than a delivery takes; `AlertConditions` works that out over every
    /// product as sales and counts come in, so a shop that set no reorder points still hears it). Most urgent
    /// first: out of stock, then fewest days of cover, then furthest below the reorder point.
    public func lowStock(now: Date) throws -> [Position] {
        Self.mostUrgentFirst(try positions(where: Self.short, [.integer(org.id)], now: now))
    }

    static let short = """
         AND (l.quantity <= 0 OR (p.reorder_point IS NOT NULL AND l.quantity <= p.reorder_point)
              OR p.id IN (SELECT a.product_id FROM alerts a WHERE a.org_id = ? AND a.kind = 'days_of_cover'
                          AND a.status <> 'resolved'))
        """

    /// Sorts by `moreUrgent` through an index, so the positions (products with their names) are not moved
    /// around while hundreds are compared.
    static func mostUrgentFirst(_ positions: [Position]) -> [Position] {
        positions.indices.sorted { moreUrgent(positions[$0], positions[$1]) }.map { positions[$0] }
    }

    /// The stock position of one product.
    public func position(of product: Product, now: Date) throws -> Position {
        let (from, to) = rateWindow(now)
        let found = try database.queryFirst(Self.selectPosition, [.integer(product.id), .text(from), .text(to)]) {
            row in
            (
                quantity: row.optionalInt(0), countedAt: row.optionalInt(1), units: row.int(2),
                lastDay: row.optionalString(3)
            )
        }
        guard let found else {
            return Position(product: product, quantity: nil, dailyRate: 0, lastSoldAt: nil, countedAt: nil)
        }
        let days = try Self.rateDays(database: database, org: org, now: now)
        let inStock = try Self.inStockDays(
            database: database, org: org, days: days, now: now, product: product.id)[product.id]
        var position = Position(
            product: product, quantity: found.quantity, dailyRate: Double(found.units) / (inStock ?? Double(days)),
            lastSoldAt: try lastSale(of: product.id, on: found.lastDay),
            countedAt: found.countedAt.map { Date(timeIntervalSince1970: TimeInterval($0)) })
        position.rateDays = days
        position.demand = try book.demand(productID: product.id, now: now)
        position.todayLeft = try book.shareOfTodayLeft(now: now)
        return position
    }

    /// The time of the product's last sale: the last day its rollup has, then that day's lines.
    private func lastSale(of productID: Int64, on day: String?) throws -> Date? {
        let calendar = org.calendar
        guard let day, let start = calendar.date(dayKey: day) else { return nil }
        let end = calendar.startOfDay(start, adding: 1)
        return try database.queryFirst(
            Self.selectLastSale,
            [
                .integer(org.id), .integer(Int64(start.timeIntervalSince1970)),
                .integer(Int64(end.timeIntervalSince1970)),
                .integer(productID),
            ]
        ) { $0.optionalInt(0) }?
        .map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The last `rateDays` whole local days before today.
    private func rateWindow(_ now: Date) -> (String, String) {
        let calendar = org.calendar
        return (
            calendar.dayKey(calendar.startOfDay(now, adding: -Self.rateDays)), calendar.dayKey(calendar.startOfDay(now))
        )
    }

    static func moreUrgent(_ a: Position, _ b: Position) -> Bool {
        if a.isOut != b.isOut { return a.isOut }
        let coverA = a.daysOfCover ?? .infinity
        let coverB = b.daysOfCover ?? .infinity
        if coverA != coverB { return coverA < coverB }
        // In Double: stored counts and points may be any size, and Int subtraction would trap.
        let gapA = Double(a.quantity ?? 0) - Double(a.product.reorderPoint ?? 0)
        let gapB = Double(b.quantity ?? 0) - Double(b.product.reorderPoint ?? 0)
        if gapA != gapB { return gapA < gapB }
        return a.product.name < b.product.name
    }

    static let selectLevels = """
        SELECT p.id, p.sku, p.name, p.category, p.unit_cost, p.unit_price, p.reorder_point, p.lead_time_days,
               p.pack_size, l.quantity, l.counted_at,
               (SELECT COALESCE(SUM(d.units), 0) FROM daily_product_sales d
                 WHERE d.product_id = p.id AND d.day >= ? AND d.day < ?) AS recent_units
        FROM products p
        JOIN (SELECT product_id, SUM(quantity) AS quantity, MAX(counted_at) AS counted_at
              FROM inventory_levels GROUP BY product_id) l ON l.product_id = p.id
        WHERE p.org_id = ? AND p.active = 1
        """

    /// Products with nothing left (zero or less counted), most missed first (highest selling rate).
    public func outOfStock(now: Date) throws -> [Position] {
        try positions(where: " AND l.quantity <= 0", [], now: now).sorted { $0.dailyRate > $1.dailyRate }
    }

    /// Every counted product of a category, least cover first.
    public func category(_ name: String, now: Date) throws -> [Position] {
        Self.mostUrgentFirst(try positions(where: " AND p.category = ? COLLATE NOCASE", [.text(name)], now: now))
    }

    private func positions(where condition: String, _ values: [SQLValue], now: Date) throws -> [Position] {
        let (from, to) = rateWindow(now)
        let days = try Self.rateDays(database: database, org: org, now: now)
        let inStock = try Self.inStockDays(database: database, org: org, days: days, now: now)
        var positions = try database.query(
            Self.selectLevels + condition, [.text(from), .text(to), .integer(org.id)] + values
        ) { row in
            var position = Position(
                product: Store.decodeProduct(row), quantity: row.int(9),
                dailyRate: Double(row.int(11)) / (inStock[row.int64(0)] ?? Double(days)), lastSoldAt: nil,
                countedAt: Date(timeIntervalSince1970: TimeInterval(row.int64(10))))
            position.rateDays = days
            return position
        }
        // Many products: every forecast in one read of the table (a query each was most of "stock low?" on
        // 5,000 products); a category's few are read one by one.
        let todayLeft = try book.shareOfTodayLeft(now: now)
        let all = positions.count > 200 ? try book.demand(now: now) : nil
        for index in positions.indices {
            let id = positions[index].product.id
            positions[index].demand = try all.map { $0[id] } ?? book.demand(productID: id, now: now)
            positions[index].todayLeft = todayLeft
        }
        return positions
    }

    /// A product that was out of stock during a span, and for how long within it.
    public struct Outage: Sendable, Equatable {
        public let product: Product
        public let seconds: TimeInterval
        public let stillOut: Bool
        public var days: Double { seconds / 86_400 }
    }

    static func selectHistory(oneProduct: Bool) -> String {
        """
        SELECT h.product_id, SUM(h.quantity), h.counted_at FROM inventory_history h JOIN products p ON p.id = h.product_id
        WHERE p.org_id = ? AND h.counted_at >= ? AND h.counted_at < ?\(oneProduct ? " AND h.product_id = ?" : "")
        GROUP BY h.product_id, h.counted_at ORDER BY h.product_id, h.counted_at
        """
    }

    /// Products that had no stock at some point between `start` and `end`, longest out first. Built from the
    /// stock history: out from a zero count until the next count above zero.
    public func outages(from start: Date, to end: Date) throws -> [Outage] {
        var result: [Outage] = []
        for (id, value) in try Self.outageSeconds(database: database, org: org, from: start, to: end) {
            guard let product = try Store.product(id: id, in: database) else { continue }
            result.append(Outage(product: product, seconds: value.seconds, stillOut: value.stillOut))
        }
        return result.sorted { ($0.seconds, $1.product.name) > ($1.seconds, $0.product.name) }
    }

    /// Per product, the seconds it was out of stock (counted at zero or less) within the span, and whether it
    /// still is at its end; `product` limits it to one product.
    static func outageSeconds(database: Database, org: Org, from start: Date, to end: Date, product: Int64? = nil)
        throws
        -> [Int64: (seconds: TimeInterval, stillOut: Bool)]
    {
        // A stock-out can start before the span; a year of history before it is plenty to know.
        let lookBack = start.addingTimeInterval(-365 * 86_400)
        var outages: [Int64: (seconds: TimeInterval, stillOut: Bool)] = [:]
        var current: Int64 = -1
        var outSince: Date?
        func close(_ product: Int64, at date: Date, still: Bool) {
            guard let since = outSince else { return }
            let overlap = min(date, end).timeIntervalSince(max(since, start))
            if overlap > 0 || still && date >= start {
                outages[product, default: (0, false)].seconds += max(0, overlap)
                if still { outages[product]?.stillOut = true }
            }
            outSince = nil
        }
        _ = try database.query(
            Self.selectHistory(oneProduct: product != nil),
            [
                .integer(org.id), .integer(Int64(lookBack.timeIntervalSince1970)),
                .integer(Int64(end.timeIntervalSince1970)),
            ] + (product.map { [.integer($0)] } ?? [])
        ) { row in
            let rowProduct = row.int64(0)
            if rowProduct != current {
                close(current, at: end, still: true)
                current = rowProduct
            }
            let at = Date(timeIntervalSince1970: TimeInterval(row.int64(2)))
            if row.int(1) <= 0 {
                if outSince == nil { outSince = at }
            } else {
                close(rowProduct, at: at, still: false)
            }
        }
        close(current, at: end, still: true)
        return outages
    }
}
