import Foundation

/// Changes to the daily, monthly and yearly per-product, daily-per-org and hourly-per-org rollups, gathered in memory while
/// lines are written and applied by `flush` inside the same transaction.
///
/// Sums are applied as deltas. Orders are not additive (an order with two lines counts once), so `flush`
/// recounts them from the lines for every day and hour it touched: distinct orders with a line there.
///
/// An import sums its lines on the reading thread, as if every line were new, under provisional product ids
/// for the products it creates (`takeSums`, `absorb`); the writer takes back what it finds was stored before.
struct RollupDeltas: Sendable {
    struct ProductDay: Hashable {
        let productID: Int64
        /// Days since 1970 of the local date: cheaper to hash a million times than its text.
        let day: Int

        func hash(into hasher: inout Hasher) {
            // One word instead of two: product ids and day numbers both stay far below 2^32.
            hasher.combine(productID << 32 ^ Int64(day))
        }
    }

    struct LocationDay: Hashable {
        let location: String
        let day: Int
    }

    // Only the per-product days, hours and locations are summed line by line; months, years and
    // whole-shop days are added up from the product days when they are written, a hundred thousand sums
    // instead of a million.
    private(set) var productDays: [ProductDay: RollupTotals] = [:]
    /// The product days' sums per month and year, kept across spills until the last (or until they are many):
    /// each spill of a file in time order meets the same months and years again, and writing them every time
    /// updated each row and its covering index once a spill, a quarter second of a million-line import.
    private var productMonths: [ProductDay: RollupTotals] = [:]
    private var productYears: [ProductDay: RollupTotals] = [:]
    private(set) var hours: [Int64: RollupTotals] = [:]
    private(set) var locationDays: [LocationDay: RollupTotals] = [:]
    /// The hour of the last line: files come in time order, so most lines land in the hour before them.
    private var currentHour: (start: Int64, totals: RollupTotals)?
    private var removedAny = false
    /// Days and hours written since the last full flush, whose order counts are due.
    private var touchedDays: Set<Int> = []
    private var touchedHours: Set<Int64> = []
    private var dayOrders = OrderTally<Int>()
    private var hourOrders = OrderTally<Int64>()
    /// Days and hours a line left (sign −1): their tallies are dropped again after taking another's (`absorb`).
    private var leftDays: Set<Int> = []
    private var leftHours: Set<Int64> = []
    private var touchedLocationDays: Set<LocationDay> = []

    /// Entries held in memory; past `spillLimit` the sums are written early to bound memory. An import holds
    /// two sets at a time (the reading thread gathers the next while the writer writes the last), and the
    /// spills cost in proportion to the entries, not their number: 50,000 is no slower than 100,000 and keeps
    /// a million-line import near 120 MB instead of 140.
    var pendingCount: Int { productDays.count }
    static let spillLimit = 50_000

    static func hourStart(_ date: Date) -> Int64 {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        return seconds - ((seconds % 3600) + 3600) % 3600
    }

    /// Adds (`sign` 1) or takes away (−1) one line; `order` is its source and order id, for the order counts.
    mutating func add(
        productID: Int64, day: CivilDate, hour: Int64, location: String, order: String, quantity: Int, total: Int,
        cost: Int?, sign: Int
    ) {
        let day = day.daysSince1970
        if sign > 0 {
            dayOrders.add(order: order, to: day)
            hourOrders.add(order: order, to: hour)
        } else {
            dayOrders.remove(from: day)
            hourOrders.remove(from: hour)
            leftDays.insert(day)
            leftHours.insert(hour)
        }
        // A large write grows to the spill limit anyway; growing there at once spares the rehashing.
        if productDays.count == 4_096 { productDays.reserveCapacity(Self.spillLimit + 1) }
        productDays[ProductDay(productID: productID, day: day), default: RollupTotals()]
            .add(quantity: quantity, total: total, cost: cost, sign: sign)
        // Lines without a location belong to no location's figures (and most shops have only those).
        if !location.isEmpty {
            locationDays[LocationDay(location: location, day: day), default: RollupTotals()]
                .add(quantity: quantity, total: total, cost: cost, sign: sign)
        }
        if currentHour?.start != hour {
            closeCurrentHour()
            currentHour = (hour, RollupTotals())
        }
        currentHour?.totals.add(quantity: quantity, total: total, cost: cost, sign: sign)
        if sign < 0 { removedAny = true }
    }

    private mutating func closeCurrentHour() {
        guard let (start, totals) = currentHour else { return }
        hours[start, default: RollupTotals()].add(totals)
        currentHour = nil
    }

    /// Adds the given sums to `rows` rollup rows, creating those missing. Every rollup table shares the sum
    /// columns; they differ in their key and in whether they count orders. SQLite applies the upsert row by
    /// row, so a key given twice is added up.
    static func upsert(table: String, key: (String, String), orders: Bool, rows: Int = 1) -> String {
        let sums = sumColumns(orders: orders)
        return insert(table: table, key: key, orders: orders, rows: rows) + """

            ON CONFLICT (\(key.0), \(key.1)) DO UPDATE SET
                \(sums.map { "\($0) = \($0) + excluded.\($0)" }.joined(separator: ", "))
            """
    }

    /// Inserts `rows` rollup rows (`OR FAIL` when `orFail`: a failing row stops the statement where it is).
    static func insert(table: String, key: (String, String), orders: Bool, rows: Int, orFail: Bool = false) -> String {
        let columns = [key.0, key.1] + sumColumns(orders: orders)
        return """
            INSERT \(orFail ? "OR FAIL " : "")INTO \(table) (\(columns.joined(separator: ", ")))
            VALUES \(Statement.placeholders(columns: columns.count, rows: rows))
            """
    }

    private static func sumColumns(orders: Bool) -> [String] {
        ["units", "revenue", "cost", "costed_revenue"] + (orders ? ["orders"] : []) + ["lines"]
    }

    /// Per-product sums for one period kind: upserts of one row and of `batchSize` rows a statement, and plain
    /// inserts of `batchSize` rows for periods the table has no row of yet (`anyInPeriod`).
    struct ProductStatements {
        let single: String
        let batch: String
        let insertBatch: String
        let anyInPeriod: String

        init(table: String, period: String) {
            let key = ("product_id", period)
            single = RollupDeltas.upsert(table: table, key: key, orders: false)
            batch = RollupDeltas.upsert(table: table, key: key, orders: false, rows: RollupDeltas.batchSize)
            // OR FAIL, and the foreign key deferred (schema 12): nothing for SQLite to undo a statement alone.
            insertBatch = RollupDeltas.insert(
                table: table, key: key, orders: false, rows: RollupDeltas.batchSize, orFail: true)
            anyInPeriod = "SELECT EXISTS (SELECT 1 FROM \(table) WHERE \(period) = ?)"
        }
    }

    /// Rows a product rollup statement writes, as for the lines: SQLite's work a statement is paid once for 64
    /// rows (a million-line import spends 8 % less time writing its rollups).
    static let batchSize = 64
    private static let columnsPerRow: Int32 = 7
    static let productDay = ProductStatements(table: "daily_product_sales", period: "day")
    static let productMonth = ProductStatements(table: "monthly_product_sales", period: "month")
    static let productYear = ProductStatements(table: "yearly_product_sales", period: "year")
    static let upsertDay = upsert(table: "daily_sales", key: ("org_id", "day"), orders: true)
    static let upsertHour = upsert(table: "hourly_sales", key: ("org_id", "hour_start"), orders: true)
    static let upsertLocationDay = """
        INSERT INTO daily_location_sales (org_id, location, day, units, revenue, cost, costed_revenue, orders, lines)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, location, day) DO UPDATE SET
            units = units + excluded.units, revenue = revenue + excluded.revenue, cost = cost + excluded.cost,
            costed_revenue = costed_revenue + excluded.costed_revenue, orders = orders + excluded.orders,
            lines = lines + excluded.lines
        """
    static let insertLocation = "INSERT OR IGNORE INTO locations (org_id, name) VALUES (?, ?)"
    static let deleteEmptyProductDays = "DELETE FROM daily_product_sales WHERE lines = 0"
    static let deleteEmptyProductMonths = "DELETE FROM monthly_product_sales WHERE lines = 0"
    static let deleteEmptyProductYears = "DELETE FROM yearly_product_sales WHERE lines = 0"
    static let deleteEmptyDays = "DELETE FROM daily_sales WHERE org_id = ? AND lines = 0"
    static let deleteEmptyHours = "DELETE FROM hourly_sales WHERE org_id = ? AND lines = 0"
    static let deleteEmptyLocationDays = "DELETE FROM daily_location_sales WHERE org_id = ? AND lines = 0"

    static let countOrders = """
        SELECT COUNT(DISTINCT source || char(31) || order_id) FROM sales WHERE org_id = ? AND sold_at >= ? AND sold_at < ?
        """
    static let selectOrderKeys = """
        SELECT sold_at - ((sold_at % 3600) + 3600) % 3600, source || char(31) || order_id
        FROM sales WHERE org_id = ? AND sold_at >= ? AND sold_at < ?
        """
    static let selectDayLines = "SELECT COALESCE(MAX(lines), 0) FROM daily_sales WHERE org_id = ? AND day = ?"
    static let selectHourLines = "SELECT COALESCE(MAX(lines), 0) FROM hourly_sales WHERE org_id = ? AND hour_start = ?"
    static let setDayOrders = "UPDATE daily_sales SET orders = ? WHERE org_id = ? AND day = ?"
    static let setHourOrders = "UPDATE hourly_sales SET orders = ? WHERE org_id = ? AND hour_start = ?"
    static let countLocationOrders = """
        SELECT COUNT(DISTINCT source || char(31) || order_id) FROM sales
        WHERE org_id = ? AND location = ? AND location <> '' AND sold_at >= ? AND sold_at < ?
        """
    static let setLocationDayOrders =
        "UPDATE daily_location_sales SET orders = ? WHERE org_id = ? AND location = ? AND day = ?"

    /// Sums set out for writing: per product and day, month and year in write order, and per shop day.
    struct Prepared: Sendable {
        var productDays: [(ProductDay, RollupTotals)] = []
        var productMonths: [(ProductDay, RollupTotals)] = []
        var productYears: [(ProductDay, RollupTotals)] = []
        var days: [Int: RollupTotals] = [:]
        var hours: [Int64: RollupTotals] = [:]
        var locationDays: [LocationDay: RollupTotals] = [:]
    }

    /// Sums set out by `prepare` and not yet written: where they were gathered (the reading thread), so the
    /// writer only binds them.
    private var prepared: [Prepared] = []

    /// Moves the sums gathered so far into `prepared`, adding them up per month, year and shop day and putting
    /// them in key order: the B-tree is then written front to back instead of at random, several times faster
    /// (`writePlace`). Months and years are set out only when `final`, or once they are past the spill limit
    /// themselves.
    mutating func prepare(final: Bool) {
        closeCurrentHour()
        var sums = Prepared()
        for (key, totals) in productDays {
            let date = CivilDate(daysSince1970: key.day)
            productMonths[
                ProductDay(productID: key.productID, day: date.year * 12 + date.month - 1), default: RollupTotals()
            ]
            .add(totals)
            productYears[ProductDay(productID: key.productID, day: date.year), default: RollupTotals()].add(totals)
            sums.days[key.day, default: RollupTotals()].add(totals)
        }
        sums.productDays = Self.inWriteOrder(productDays, dayFirst: true)
        if final || productMonths.count > Self.spillLimit {
            sums.productMonths = Self.inWriteOrder(productMonths)
            sums.productYears = Self.inWriteOrder(productYears)
            productMonths = [:]
            productYears = [:]
        }
        swap(&sums.hours, &hours)
        swap(&sums.locationDays, &locationDays)
        productDays = [:]
        prepared.append(sums)
    }

    /// A product id's place in the write order: stored ids as they are, then the provisional (negative) ids of
    /// an import's new products in the order it creates them, as their stored ids will be.
    static func writePlace(_ productID: Int64) -> Int64 { productID >= 0 ? productID : (1 << 30) - productID }

    /// Sorting one packed word per entry is far cheaper than sorting the entries by a tuple. Only the write
    /// order depends on it, so a place past 2^31 would cost speed, not correctness. Product days are keyed by
    /// day first (`dayFirst`), months and years by product first.
    private static func inWriteOrder(
        _ sums: [ProductDay: RollupTotals], dayFirst: Bool = false
    ) -> [(ProductDay, RollupTotals)] {
        let dayOffset = 1 << 31
        func order(_ key: ProductDay) -> Int64 {
            let day = Int64(key.day + dayOffset)
            return dayFirst ? day << 32 | writePlace(key.productID) : writePlace(key.productID) << 32 | day
        }
        // Places sorted with their entries' positions, then the entries gathered: the sort moves 16 bytes an
        // element instead of 64, and takes half the time it did (a fortieth of the reading thread).
        let entries = sums.map { ($0.key, $0.value) }
        var places = entries.indices.map { (order(entries[$0].0), $0) }
        places.sort { $0.0 < $1.0 }
        return places.map { entries[$0.1] }
    }

    /// Writes the sums gathered so far (not the order counts) and frees them; months and years only when
    /// `final` (see `prepare`). Call inside the transaction. `productIDs` turns provisional product ids into
    /// stored ones; two that become one are added up by the upserts.
    mutating func spill(
        to database: Database, orgID: Int64, productIDs: (Int64) -> Int64 = { $0 }, final: Bool
    ) throws {
        prepare(final: final)
        let orgValue = SQLValue.integer(orgID)
        for sums in prepared {
            try Self.write(sums.productDays, Self.productDay, to: database, productIDs: productIDs) {
                CivilDate(daysSince1970: $0).key
            }
            try Self.write(
                sums.productMonths, Self.productMonth, to: database, productIDs: productIDs, period: Self.monthKey)
            try Self.write(sums.productYears, Self.productYear, to: database, productIDs: productIDs) { String($0) }
            for (day, totals) in sums.days {
                try database.execute(
                    Self.upsertDay, [orgValue, .text(CivilDate(daysSince1970: day).key)] + Self.values(totals))
            }
            for (hour, totals) in sums.hours {
                try database.execute(Self.upsertHour, [orgValue, .integer(hour)] + Self.values(totals))
            }
            for (key, totals) in sums.locationDays {
                try database.execute(
                    Self.upsertLocationDay,
                    [orgValue, .text(key.location), .text(CivilDate(daysSince1970: key.day).key)]
                        + Self.values(totals))
            }
            touchedDays.formUnion(sums.days.keys)
            touchedHours.formUnion(sums.hours.keys)
            touchedLocationDays.formUnion(sums.locationDays.keys)
        }
        prepared = []
    }

    /// Writes per-product sums: inserted for the periods the table holds no row of yet (a new shop's, a file's
    /// new days), added to the stored rows by upsert for the others. An upsert that may update keeps a statement
    /// journal whatever the keys (a gigabyte of temporary file for a million-line import); an insert that cannot
    /// conflict does not. Two provisional ids that turn into one product are added up by the upserts alone.
    private static func write(
        _ sums: [(ProductDay, RollupTotals)], _ sql: ProductStatements, to database: Database,
        productIDs: (Int64) -> Int64, period: (Int) -> String
    ) throws {
        guard !sums.isEmpty else { return }
        // Each period's key and whether the table holds no row of it yet, looked up before anything is written;
        // product days come a day at a time, so the last one is kept at hand.
        var periods: [Int: (key: String, isNew: Bool)] = [:]
        var last: (number: Int, key: String, isNew: Bool)?
        func lookUp(_ number: Int) throws -> (key: String, isNew: Bool) {
            if let last, last.number == number { return (last.key, last.isNew) }
            let found: (key: String, isNew: Bool)
            if let known = periods[number] {
                found = known
            } else {
                let key = period(number)
                found = (key, try database.queryInt(sql.anyInPeriod, [.text(key)]) == 0)
                periods[number] = found
            }
            last = (number, found.key, found.isNew)
            return found
        }
        var ids: Set<Int64> = []
        var storedIDs: Set<Int64> = []
        // False when two of the ids turn into one stored product.
        var oneProductEach = true
        for (key, _) in sums {
            _ = try lookUp(key.day)
            if ids.insert(key.productID).inserted, !storedIDs.insert(productIDs(key.productID)).inserted {
                oneProductEach = false
            }
        }
        func bind(_ entry: (ProductDay, RollupTotals), to statement: Statement, from base: Int32) throws {
            let (key, totals) = entry
            try statement.bind(productIDs(key.productID), at: base + 1)
            try statement.bind(lookUp(key.day).key, at: base + 2)
            try statement.bind(totals.units, at: base + 3)
            try statement.bind(totals.revenue, at: base + 4)
            try statement.bind(totals.cost, at: base + 5)
            try statement.bind(totals.costedRevenue, at: base + 6)
            try statement.bind(totals.lines, at: base + 7)
        }
        var batch: [(ProductDay, RollupTotals)] = []
        batch.reserveCapacity(batchSize)
        for inserting in [true, false] {
            let statement = try database.cachedStatement(inserting ? sql.insertBatch : sql.batch)
            for entry in sums where try (oneProductEach && lookUp(entry.0.day).isNew) == inserting {
                batch.append(entry)
                guard batch.count == batchSize else { continue }
                try database.execute(statement) { statement in
                    for (offset, entry) in batch.enumerated() {
                        try bind(entry, to: statement, from: Int32(offset) * columnsPerRow)
                    }
                }
                batch.removeAll(keepingCapacity: true)
            }
            // The rest one at a time: a single-row upsert keeps no statement journal either.
            let single = try database.cachedStatement(sql.single)
            for entry in batch {
                try database.execute(single) { statement in try bind(entry, to: statement, from: 0) }
            }
            batch.removeAll(keepingCapacity: true)
        }
    }

    /// Hands over the sums gathered so far, set out for writing, keeping the order tallies: for the reading
    /// thread, whose sums the writer spills (`absorb`).
    mutating func takeSums() -> RollupDeltas {
        prepare(final: false)
        var sums = RollupDeltas()
        swap(&sums.prepared, &prepared)
        sums.removedAny = removedAny
        return sums
    }

    /// Writes sums gathered elsewhere (by the reading thread, under provisional product ids) and keeps their
    /// days and hours for the order counts. The last of them brings the order tallies, less those of the
    /// buckets a line has left here.
    mutating func absorb(
        _ other: RollupDeltas, last: Bool, to database: Database, orgID: Int64, productIDs: (Int64) -> Int64
    ) throws {
        var other = other
        try other.spill(to: database, orgID: orgID, productIDs: productIDs, final: last)
        touchedDays.formUnion(other.touchedDays)
        touchedHours.formUnion(other.touchedHours)
        touchedLocationDays.formUnion(other.touchedLocationDays)
        removedAny = removedAny || other.removedAny
        guard last else { return }
        dayOrders = other.dayOrders
        hourOrders = other.hourOrders
        for day in leftDays.union(other.leftDays) { dayOrders.remove(from: day) }
        for hour in leftHours.union(other.leftHours) { hourOrders.remove(from: hour) }
    }

    /// Applies everything and forgets it. Call inside the transaction that wrote the lines.
    mutating func flush(to database: Database, org: Org) throws {
        try spill(to: database, orgID: org.id, final: true)
        let orgValue = SQLValue.integer(org.id)
        if removedAny {
            try database.execute(Self.deleteEmptyProductDays)
            try database.execute(Self.deleteEmptyProductMonths)
            try database.execute(Self.deleteEmptyProductYears)
            try database.execute(Self.deleteEmptyDays, [orgValue])
            try database.execute(Self.deleteEmptyHours, [orgValue])
            try database.execute(Self.deleteEmptyLocationDays, [orgValue])
        }
        let calendar = org.calendar
        // Orders counted while writing where they can be trusted; the rest from the stored lines.
        var hoursLeft = touchedHours
        for hour in touchedHours {
            let stored = try database.queryInt(Self.selectHourLines, [orgValue, .integer(hour)])
            guard let orders = hourOrders.count(hour, storedLines: stored) else { continue }
            try database.execute(Self.setHourOrders, [.int(orders), orgValue, .integer(hour)])
            hoursLeft.remove(hour)
        }
        for day in touchedDays {
            let key = CivilDate(daysSince1970: day).key
            guard let start = calendar.date(dayKey: key) else { continue }
            let end = calendar.startOfDay(start, adding: 1)
            let (from, to) = (Int64(start.timeIntervalSince1970), Int64(end.timeIntervalSince1970))
            let span: [SQLValue] = [orgValue, .integer(from), .integer(to)]
            let stored = try database.queryInt(Self.selectDayLines, [orgValue, .text(key)])
            var orders = dayOrders.count(day, storedLines: stored)
            let firstHour = from - ((from % 3600) + 3600) % 3600
            if orders == nil || stride(from: firstHour, to: to, by: 3600).contains(where: hoursLeft.contains) {
                // The day and its hours from one read of the day's lines, instead of a query for the day and
                // one for each of its 24 hours (a year's import touches 8,760). An hour that reaches outside the
                // local day (zones a half hour off UTC) is counted on its own below.
                let counted = try Self.ordersByDayAndHour(in: database, span)
                orders = orders ?? counted.day
                for (hour, count) in counted.hours where hour >= from && hour + 3600 <= to {
                    guard hoursLeft.remove(hour) != nil else { continue }
                    try database.execute(Self.setHourOrders, [.int(count), orgValue, .integer(hour)])
                }
            }
            try database.execute(Self.setDayOrders, [.int(orders ?? 0), orgValue, .text(key)])
        }
        for hour in hoursLeft {
            let orders = try database.queryInt(Self.countOrders, [orgValue, .integer(hour), .integer(hour + 3600)])
            try database.execute(Self.setHourOrders, [.int(orders), orgValue, .integer(hour)])
        }
        for key in touchedLocationDays {
            let day = CivilDate(daysSince1970: key.day).key
            guard let start = calendar.date(dayKey: day) else { continue }
            let end = calendar.startOfDay(start, adding: 1)
            let orders = try database.queryInt(
                Self.countLocationOrders,
                [
                    orgValue, .text(key.location), .integer(Int64(start.timeIntervalSince1970)),
                    .integer(Int64(end.timeIntervalSince1970)),
                ])
            try database.execute(Self.setLocationDayOrders, [.int(orders), orgValue, .text(key.location), .text(day)])
        }
        for location in Set(touchedLocationDays.map(\.location)) where !location.isEmpty {
            try database.execute(Self.insertLocation, [orgValue, .text(location)])
        }
        self = RollupDeltas()
    }

    /// Distinct orders among the lines of `span` (org, from, to), and in each hour those lines fall in.
    private static func ordersByDayAndHour(in database: Database, _ span: [SQLValue]) throws
        -> (day: Int, hours: [Int64: Int])
    {
        var day: Set<String> = []
        var hours: [Int64: Set<String>] = [:]
        try database.forEachRow(selectOrderKeys, span) { row in
            let order = row.string(1)
            day.insert(order)
            hours[row.int64(0), default: []].insert(order)
        }
        return (day.count, hours.mapValues(\.count))
    }

    /// "2026-03" for month number 2026 × 12 + 2.
    static func monthKey(_ number: Int) -> String {
        let month = number % 12 + 1
        return "\(number / 12)-" + (month < 10 ? "0\(month)" : "\(month)")
    }

    private static func values(_ totals: RollupTotals) -> [SQLValue] {
        [
            .int(totals.units), .int(totals.revenue), .int(totals.cost), .int(totals.costedRevenue),
            .int(totals.orders),
            .int(totals.lines),
        ]
    }
}
