import Foundation
import Testing

@testable import OpsCore

/// Expects every rollup table to hold what `RollupOracle` adds up from the stored lines.
func expectRollupsAddUp(in store: Store, timeZone: TimeZone, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let differences = try RollupOracle.stored(in: store.database)
        .differences(from: RollupOracle.expected(from: store.database, timeZone: timeZone))
    #expect(differences.isEmpty, "\(differences.joined(separator: "; "))", sourceLocation: sourceLocation)
}

/// The rollup tables as plain Swift adds them up from the stored lines, sharing no code with `RollupDeltas`:
/// a rebuild writes through the same statements as an import, so comparing with one cannot catch a fault
/// in them.
struct RollupOracle {
    struct Sums: Equatable, CustomStringConvertible {
        var units = 0
        var revenue = 0
        var cost = 0
        var costedRevenue = 0
        var lines = 0
        /// Distinct orders, in the tables that count them.
        var orders: Int?

        var description: String {
            "units \(units), revenue \(revenue), cost \(cost)/\(costedRevenue), lines \(lines)"
                + (orders.map { ", orders \($0)" } ?? "")
        }
    }

    /// Per table, sums by key ("product|period", "day", "hour", "location|day").
    private(set) var tables: [String: [String: Sums]] = [:]

    static let productTables = [
        ("daily_product_sales", "day"), ("monthly_product_sales", "month"), ("yearly_product_sales", "year"),
    ]

    /// What the rollup tables hold now.
    static func stored(in database: Database) throws -> RollupOracle {
        var oracle = RollupOracle()
        let sums = "units, revenue, cost, costed_revenue, lines"
        func read(_ row: Row, from column: Int, orders: Bool) -> Sums {
            Sums(
                units: row.int(column), revenue: row.int(column + 1), cost: row.int(column + 2),
                costedRevenue: row.int(column + 3), lines: row.int(column + 4),
                orders: orders ? row.int(column + 5) : nil)
        }
        for (table, period) in productTables {
            try database.forEachRow("SELECT product_id, \(period), \(sums) FROM \(table)") { row in
                oracle.tables[table, default: [:]]["\(row.int64(0))|\(row.string(1))"] = read(
                    row, from: 2, orders: false)
            }
        }
        try database.forEachRow("SELECT day, \(sums), orders FROM daily_sales") { row in
            oracle.tables["daily_sales", default: [:]][row.string(0)] = read(row, from: 1, orders: true)
        }
        try database.forEachRow("SELECT hour_start, \(sums), orders FROM hourly_sales") { row in
            oracle.tables["hourly_sales", default: [:]][String(row.int64(0))] = read(row, from: 1, orders: true)
        }
        try database.forEachRow("SELECT location, day, \(sums), orders FROM daily_location_sales") { row in
            oracle.tables["daily_location_sales", default: [:]]["\(row.string(0))|\(row.string(1))"] =
                read(row, from: 2, orders: true)
        }
        return oracle
    }

    /// What they should hold: every stored line of the (only) shop, added up by its local day in `timeZone`.
    static func expected(from database: Database, timeZone: TimeZone) throws -> RollupOracle {
        var oracle = RollupOracle()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var orders: [String: [String: Set<String>]] = [:]
        func add(_ table: String, _ key: String, order: String? = nil, quantity: Int, total: Int, cost: Int?) {
            if let order { orders[table, default: [:]][key, default: []].insert(order) }
            var sums = oracle.tables[table, default: [:]][key, default: Sums()]
            sums.units += quantity
            sums.revenue += total
            if let cost {
                sums.cost += cost
                sums.costedRevenue += total
            }
            sums.lines += 1
            oracle.tables[table, default: [:]][key] = sums
        }
        try database.forEachRow(
            "SELECT sold_at, product_id, quantity, total, cost, location, source, order_id FROM sales"
        ) { row in
            let seconds = row.int64(0)
            let date = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            let year = String(date.year!)
            let month = year + "-" + String(format: "%02d", date.month!)
            let day = month + "-" + String(format: "%02d", date.day!)
            let (product, quantity, total, cost, location) = (
                row.int64(1), row.int(2), row.int(3), row.optionalInt(4), row.string(5)
            )
            add("daily_product_sales", "\(product)|\(day)", quantity: quantity, total: total, cost: cost)
            add("monthly_product_sales", "\(product)|\(month)", quantity: quantity, total: total, cost: cost)
            add("yearly_product_sales", "\(product)|\(year)", quantity: quantity, total: total, cost: cost)
            let order = row.string(6) + "\u{1F}" + row.string(7)
            add("daily_sales", day, order: order, quantity: quantity, total: total, cost: cost)
            add(
                "hourly_sales", String(seconds - seconds % 3600), order: order, quantity: quantity, total: total,
                cost: cost)
            if !location.isEmpty {
                add(
                    "daily_location_sales", "\(location)|\(day)", order: order, quantity: quantity, total: total,
                    cost: cost)
            }
        }
        for (table, keys) in orders {
            for (key, distinct) in keys { oracle.tables[table]?[key]?.orders = distinct.count }
        }
        return oracle
    }

    /// The first few keys whose sums differ, as "table key: stored … expected …".
    func differences(from expected: RollupOracle, limit: Int = 5) -> [String] {
        var found: [String] = []
        for table in Set(tables.keys).union(expected.tables.keys).sorted() {
            let mine = tables[table] ?? [:]
            let theirs = expected.tables[table] ?? [:]
            for key in Set(mine.keys).union(theirs.keys).sorted() where mine[key] != theirs[key] {
                found.append(
                    "\(table) \(key): stored \(mine[key].map(\.description) ?? "nothing"), "
                        + "expected \(theirs[key].map(\.description) ?? "nothing")")
                if found.count == limit { return found }
            }
        }
        return found
    }
}
