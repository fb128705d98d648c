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
        /// Money on the row that is not net revenue: tax, tips, service charges, shipping, gift cards sold.
        let leftOut: LeftOut
    }

    /// Amounts a sales row carries besides its items' net revenue, added up for the import report.
    struct LeftOut: Sendable, Equatable {
        var tax = 0
        var tips = 0
        var serviceCharges = 0
        var shipping = 0
        var giftCards = 0

        static let none = LeftOut()

        mutating func add(_ other: LeftOut) {
            tax += other.tax
            tips += other.tips
            serviceCharges += other.serviceCharges
            shipping += other.shipping
            giftCards += other.giftCards
        }
    }

    /// A line (or a payment's lines) left out of net revenue, and what it would have added.
    struct Exclusion: Sendable, Equatable {
        let reason: ExclusionReason
        let noun: ExclusionRule.Noun
        let orderID: String
        let amount: Int
    }

    private var dates: DateTimeParser
    private let digits: Int
    private var linesPerOrder: [String: Int] = [:]
    private var products: ProductIndex
    private var dayKeys: DayKeyCache
    private var sums = RollupDeltas()
    /// The order the last row belonged to, and the exclusion its state (stated on an earlier row) applies.
    private var currentOrder: String?
    private var orderExclusion: SalesRules.Resolved.Exclusion?
    /// The last order whose shipping and service charges were counted: some exports repeat them on every row.
    private var chargesCounted: String?
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

    /// The row's line, its lines (a payment's item list), or why it is left out of net revenue.
    mutating func read(_ row: ImportRow) throws -> RowValues {
        let rules = row.map.rules
        let exclusion = exclusion(row, rules: rules)
        if let lineWhen = rules.lineWhen, !lineWhen.holds(row.fields) { return .notALine(.summary) }
        if let exclusion {
            // What the line would have added, as far as it reads; a voided line's odd values are not an error.
            let quantity = abs(((try? row.wholeNumber(.quantity)) ?? nil) ?? 1)
            let amount = (try? amounts(row, rules: rules, quantity: quantity).net) ?? 0
            return .excluded(
                Exclusion(
                    reason: exclusion.reason, noun: exclusion.noun, orderID: row.text(.orderID) ?? "line \(row.line)",
                    amount: amount))
        }
        if rules.itemList { return .sales(try readItemList(row, rules: rules)) }
        return .sale(try readLine(row, rules: rules))
    }

    /// The exclusion that holds for the row: its own, or its order's, stated on an earlier row of the order.
    private mutating func exclusion(_ row: ImportRow, rules: SalesRules.Resolved) -> SalesRules.Resolved.Exclusion? {
        guard !rules.exclusions.isEmpty else { return nil }
        let order = row.text(.orderID)
        if order != currentOrder {
            currentOrder = order
            orderExclusion = nil
        }
        var found: SalesRules.Resolved.Exclusion?
        for rule in rules.exclusions {
            if rule.test.holds(row.fields) {
                // The first rule that holds names the reason, for this row and the order's later rows alike.
                if found == nil, rule.noun.perOrder { orderExclusion = rule }
                found = found ?? rule
            } else if rule.noun.perOrder, orderExclusion?.test.column == rule.test.column,
                rule.test.isStated(row.fields), !rules.exclusions.contains(where: { $0.test.holds(row.fields) })
            {
                // The order's state column says something else on this row: the earlier state no longer holds.
                orderExclusion = nil
            }
        }
        return found ?? (order == nil ? nil : orderExclusion)
    }

    private mutating func soldAt(_ row: ImportRow) throws -> Date {
        let zone = try row.text(.timeZone).map { name -> TimeZone in
            guard let zone = RailsTimeZones.zone(name) else {
                throw row.problem(.timeZone, name, "is not a time zone I know")
            }
            return zone
        }
        if row.map[.soldAt] != nil {
            return try row.required(try row.date(.soldAt, zone: zone, with: &dates), .soldAt, "the time of sale")
        }
        return try row.required(
            try row.date(.soldDate, time: .soldTime, zone: zone, with: &dates), .soldDate, "the date of sale")
    }

    /// A line's net revenue (after discounts and refunds, before tax) and what else it carries. Amounts are
    /// taken as the export states them; a total that is the discounted amount plus tax has the tax taken out.
    private mutating func amounts(_ row: ImportRow, rules: SalesRules.Resolved, quantity: Int) throws
        -> (net: Int, unitPrice: Int?, discount: Int, leftOut: LeftOut)
    {
        let unitPrice = try row.money(.unitPrice, digits: digits)
        let discount = abs(try row.money(.discount, digits: digits) ?? 0)
        let gross = try row.money(.grossSales, digits: digits)
        var leftOut = LeftOut()
        leftOut.tax = try row.money(.tax, digits: digits) ?? 0
        leftOut.tips = try row.money(.tip, digits: digits) ?? 0
        // An order's shipping and service charges, once an order (WooCommerce writes them on each of its rows).
        let charged = row.map[.serviceCharge] != nil || row.map[.shipping] != nil
        let order = charged ? row.text(.orderID) : nil
        if charged && (order == nil || order != chargesCounted) {
            leftOut.serviceCharges = try row.money(.serviceCharge, digits: digits) ?? 0
            leftOut.shipping = try row.money(.shipping, digits: digits) ?? 0
        }
        leftOut.giftCards = try row.money(.giftCardSales, digits: digits) ?? 0
        var net: Int
        if let total = try row.money(.total, digits: digits) {
            net = total
            let tax = leftOut.tax
            if tax != 0 {
                // In reporting arithmetic: a price and a quantity each within the limits may multiply past Int64.
                let lineGross =
                    gross
                    ?? unitPrice.flatMap { price -> Int? in
                        let (product, overflow) = price.multipliedReportingOverflow(by: quantity)
                        return overflow ? nil : product
                    }
                let taxed = lineGross.map { $0 - discount + tax }
                if rules.taxIncluded || (taxed.map { abs($0 - total) <= 1 } ?? false) {
                    net = total - tax
                }
            }
        } else if let gross {
            net = gross - discount
        } else if let unitPrice {
            net = try row.product(quantity, unitPrice, .quantity, digits: digits) - discount
        } else {
            throw RowProblem(
                column: row.column(.total) ?? row.column(.unitPrice) ?? row.column(.grossSales), value: nil,
                message: "is empty; a price or a line total is needed")
        }
        if let refunded = try row.money(.refundAmount, digits: digits) { net -= abs(refunded) }
        if order != nil { chargesCounted = order }
        return (net, unitPrice, discount, leftOut)
    }

    private mutating func readLine(_ row: ImportRow, rules: SalesRules.Resolved) throws -> Values {
        let soldAt = try soldAt(row)
        let (sku, name) = try row.productKey()
        // No quantity column: each row is one unit sold.
        var quantity =
            row.map[.quantity] == nil
            ? 1 : try row.required(try row.wholeNumber(.quantity), .quantity, "the quantity")
        var (total, unitPriceColumn, discount, leftOut) = try amounts(row, rules: rules, quantity: abs(quantity))
        if let refunded = try row.wholeNumber(.refundQuantity) { quantity -= abs(refunded) }
        if rules.refundWhen?.holds(row.fields) == true {
            quantity = -abs(quantity)
            total = -abs(total)
            leftOut = leftOut.negated
        }
        let gross = try row.money(.grossSales, digits: digits)
        let unitPrice =
            unitPriceColumn
            ?? (quantity != 0 ? abs((gross ?? (total + discount)) / quantity) : 0)
        return try line(
            row, soldAt: soldAt, sku: sku, name: name, quantity: quantity, unitPrice: unitPrice, discount: discount,
            total: total, cost: try row.money(.cost, digits: digits), leftOut: leftOut, line: nil)
    }

    /// A payment's item list ("2 x Croissant, Latte (Large)") as lines: its net sales shared among its units
    /// in equal parts, the odd minor units to the first lines, so the lines add up to the payment exactly.
    private mutating func readItemList(_ row: ImportRow, rules: SalesRules.Resolved) throws -> [Values] {
        let soldAt = try soldAt(row)
        let list = row.text(.itemList) ?? ""
        let items = ItemList.parse(list)
        guard !items.isEmpty else {
            throw row.problem(.itemList, row.text(.itemList), "names no items (expected e.g. “2 x Latte, Croissant”)")
        }
        let units = items.reduce(0) { $0 + $1.quantity }
        guard units > 0, units <= ImportLimits.maxQuantity else {
            throw row.problem(.itemList, list, "has too many units")
        }
        var (total, _, discount, leftOut) = try amounts(row, rules: rules, quantity: units)
        // Checked for the whole payment before any line names a product: none of its lines may then fail.
        guard fileMinorUnits <= ImportLimits.maxFileMinorUnits - abs(total) else {
            throw row.problem(.total, row.text(.total), "brings the file's sales past what OpsBot can add up")
        }
        let refund = rules.refundWhen?.holds(row.fields) == true
        if refund {
            total = -abs(total)
            leftOut = leftOut.negated
        }
        let share = total / units
        var remainder = total - share * units
        var lines: [Values] = []
        for (index, item) in items.enumerated() {
            var amount = share * item.quantity
            let extra = remainder > 0 ? min(remainder, item.quantity) : max(remainder, -item.quantity)
            amount += extra
            remainder -= extra
            let quantity = refund ? -item.quantity : item.quantity
            // discount × quantity / units without the product: both may be near their limits.
            let discountShare = discount / units * item.quantity + (discount % units) * item.quantity / units
            lines.append(
                try line(
                    row, soldAt: soldAt, sku: nil, name: item.name, quantity: quantity,
                    unitPrice: abs(amount + discountShare) / item.quantity, discount: discountShare, total: amount,
                    cost: nil, leftOut: index == 0 ? leftOut : .none, line: index + 1))
        }
        return lines
    }

    private mutating func line(
        _ row: ImportRow, soldAt: Date, sku: String?, name: String?, quantity: Int, unitPrice: Int, discount: Int,
        total: Int, cost fileCost: Int?, leftOut: LeftOut, line explicitLine: Int?
    ) throws -> Values {
        var cost = fileCost
        let orderID = row.text(.orderID) ?? "@\(Int64(soldAt.timeIntervalSince1970))"
        let line: Int
        if let explicitLine {
            line = explicitLine
        } else if let number = try row.wholeNumber(.line) {
            line = number
        } else {
            line = (linesPerOrder[orderID] ?? 0) + 1
            linesPerOrder[orderID] = line
        }
        let magnitude = abs(total) + abs(cost ?? 0)
        // An item list's payment was checked whole, before its first line.
        guard explicitLine != nil || fileMinorUnits <= ImportLimits.maxFileMinorUnits - magnitude else {
            throw row.problem(.total, row.text(.total), "brings the file's sales past what OpsBot can add up")
        }
        fileMinorUnits += abs(total)
        // Only once nothing can reject the row: a new product is numbered here, and the writer creates it
        // when it meets the number, so the number must reach it.
        let product = products.resolve(sku: sku, name: name)
        if cost == nil, case .stored(_, let unitCost?) = product {
            // A stored product is only looked up, so this may still reject a line of its own row; an item list's
            // later line may not fail, so its cost is left unknown instead.
            if explicitLine == nil {
                cost = try row.product(unitCost, quantity, .quantity, digits: digits)
            } else {
                let (product, overflow) = unitCost.multipliedReportingOverflow(by: quantity)
                cost = overflow || abs(product) > ImportLimits.maxMinorUnits ? nil : product
            }
        }
        fileMinorUnits += abs(cost ?? 0)
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
            line: line, location: location, channel: row.text(.channel) ?? "", leftOut: leftOut)
    }
}

extension SalesRowReader.LeftOut {
    var negated: Self {
        Self(tax: -tax, tips: -tips, serviceCharges: -serviceCharges, shipping: -shipping, giftCards: -giftCards)
    }
}
