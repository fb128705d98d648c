import Foundation

/// Reads a sales row's values — times, amounts, product, order and line — without touching the store, so it
/// runs on the reading thread while earlier rows are written. It also names each line's product and sums the
/// lines into rollup deltas as if every one were new; the writer takes back the lines it finds were stored.
///
/// Without an order column, a row's order is its timestamp; without a line column, lines are numbered in
/// file order within their order, so re-importing the same export finds the same natural keys.
struct SalesRowReader: Sendable {
    struct Values: Sendable {
        let soldAt: Date
        let sku: String?
        let name: String?
        let category: String?
        let quantity: Int
        let unitPrice: Int
        let discount: Int
        let total: Int
        /// The file's own cost column, else the stored product's unit cost times the quantity.
        let cost: Int?
        let product: ProductIndex.Product
        let orderID: String
        let line: Int
        let location: String
        let channel: String
    }

    private var dates: DateTimeParser
    private let digits: Int
    private var linesPerOrder: [String: Int] = [:]
    private var products: ProductIndex
    private var dayKeys: DayKeyCache
    private var sums = RollupDeltas()
    /// The file's line totals and own costs so far, added up as magnitudes, so the rollups' revenue sums stay
    /// inside Int64 whatever the rows (a cost derived from a stored unit cost is bounded per line instead).
    private var fileMinorUnits = 0

    init(dates: DateTimeParser, digits: Int, products: ProductIndex, calendar: OrgCalendar) {
        self.dates = dates
        self.digits = digits
        self.products = products
        self.dayKeys = DayKeyCache(calendar: calendar)
    }

    /// The sums of the lines read since the last call: at the end (`last`), or once they reach the spill limit.
    /// The last sums carry the order tallies.
    mutating func takeSums(last: Bool) -> RollupDeltas? {
        if last {
            sums.prepare(final: true)
            defer { sums = RollupDeltas() }
            return sums
        }
        return sums.pendingCount > RollupDeltas.spillLimit ? sums.takeSums() : nil
    }

    /// The product id the sums use: the stored one, else a negative one numbering the new products.
    static func rollupID(_ product: ProductIndex.Product) -> Int64 {
        switch product {
        case .stored(let id, _): return id
        case .new(let number): return -Int64(number) - 1
        }
    }

    /// The file's new product a negative `rollupID` stands for.
    static func newProductNumber(rollupID: Int64) -> Int? { rollupID < 0 ? Int(-rollupID - 1) : nil }

    mutating func read(_ row: ImportRow) throws -> Values {
        let zone = try row.text(.timeZone).map { name -> TimeZone in
            guard let zone = RailsTimeZones.zone(name) else {
                throw row.problem(.timeZone, name, "is not a time zone I know")
            }
            return zone
        }
        let soldAt: Date
        if row.map[.soldAt] != nil {
            soldAt = try row.required(try row.date(.soldAt, zone: zone, with: &dates), .soldAt, "the time of sale")
        } else {
            soldAt = try row.required(
                try row.date(.soldDate, time: .soldTime, zone: zone, with: &dates), .soldDate, "the date of sale")
        }
        let (sku, name) = try row.productKey()
        let quantity = try row.required(try row.wholeNumber(.quantity), .quantity, "the quantity")
        let unitPriceColumn = try row.money(.unitPrice, digits: digits)
        let discount = abs(try row.money(.discount, digits: digits) ?? 0)
        let gross = try row.money(.grossSales, digits: digits)
        let total: Int
        if let value = try row.money(.total, digits: digits) {
            total = value
        } else if let gross {
            total = gross - discount
        } else if let unitPriceColumn {
            total = try row.product(quantity, unitPriceColumn, .quantity, digits: digits) - discount
        } else {
            throw RowProblem(
                column: row.column(.total) ?? row.column(.unitPrice) ?? row.column(.grossSales), value: nil,
                message: "is empty; a price or a line total is needed")
        }
        let unitPrice =
            unitPriceColumn
            ?? (quantity != 0 ? ((gross ?? (total + discount)) / quantity) : 0)
        var cost = try row.money(.cost, digits: digits)

        let orderID = row.text(.orderID) ?? "@\(Int64(soldAt.timeIntervalSince1970))"
        let line: Int
        if let number = try row.wholeNumber(.line) {
            line = number
        } else {
            line = (linesPerOrder[orderID] ?? 0) + 1
            linesPerOrder[orderID] = line
        }
        let magnitude = abs(total) + abs(cost ?? 0)
        guard fileMinorUnits <= ImportLimits.maxFileMinorUnits - magnitude else {
            throw row.problem(.total, row.text(.total), "brings the file's sales past what OpsBot can add up")
        }
        fileMinorUnits += magnitude
        // Only once nothing can reject the row: a new product is numbered here, and the writer creates it
        // when it meets the number, so the number must reach it.
        let product = products.resolve(sku: sku, name: name)
        // A stored product is only looked up, so this may still reject the row.
        if cost == nil, case .stored(_, let unitCost?) = product {
            cost = try row.product(unitCost, quantity, .quantity, digits: digits)
        }
        let location = row.label(.location) ?? ""
        sums.add(
            productID: Self.rollupID(product), day: dayKeys.civilDate(for: soldAt),
            hour: RollupDeltas.hourStart(soldAt),
            // Every line of a file has the same source: its order id alone tells its orders apart.
            location: location, order: orderID, quantity: quantity,
            total: total, cost: cost, sign: 1)
        return Values(
            soldAt: soldAt, sku: sku, name: name, category: row.label(.category), quantity: quantity,
            unitPrice: unitPrice, discount: discount, total: total, cost: cost, product: product, orderID: orderID,
            line: line, location: location, channel: row.text(.channel) ?? "")
    }
}
