import Foundation

/// Reads a sales row's values — times, amounts, product key, order and line — without touching the store,
/// so it runs on the reading thread while earlier rows are written.
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
        /// The file's own cost column; the product's unit cost fills in when it is empty.
        let cost: Int?
        let orderID: String
        let line: Int
        let location: String
        let channel: String
    }

    private var dates: DateTimeParser
    private let digits: Int
    private var linesPerOrder: [String: Int] = [:]

    init(dates: DateTimeParser, digits: Int) {
        self.dates = dates
        self.digits = digits
    }

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
            total = quantity * unitPriceColumn - discount
        } else {
            throw RowProblem(
                column: row.column(.total) ?? row.column(.unitPrice) ?? row.column(.grossSales), value: nil,
                message: "is empty; a price or a line total is needed")
        }
        let unitPrice = unitPriceColumn
            ?? (quantity != 0 ? ((gross ?? (total + discount)) / quantity) : 0)
        let cost = try row.money(.cost, digits: digits)

        let orderID = row.text(.orderID) ?? "@\(Int64(soldAt.timeIntervalSince1970))"
        let line: Int
        if let number = try row.wholeNumber(.line) {
            line = number
        } else {
            line = (linesPerOrder[orderID] ?? 0) + 1
            linesPerOrder[orderID] = line
        }
        return Values(
            soldAt: soldAt, sku: sku, name: name, category: row.text(.category), quantity: quantity,
            unitPrice: unitPrice, discount: discount, total: total, cost: cost, orderID: orderID, line: line,
            location: row.text(.location) ?? "", channel: row.text(.channel) ?? "")
    }
}
