import Foundation

/// Builds a believable café-grocery: a year of sales with weekday and seasonal patterns, promotions and
/// stock-outs, current stock with some products below their reorder point, eight weeks of shifts, a year of
/// customer reviews and two catering orders (`DemoShop+Reviews`).
///
/// The same `seed` and `now` give the same shop. Each day's sales come from their own random stream,
/// so a day looks the same whatever window it is generated in. Running it again on a database
/// replaces the earlier demo data instead of adding to it.
public struct DemoShop {
    public struct Summary: Sendable, Equatable {
        public let products: Int
        public let salesLines: Int
        public let orders: Int
        public let days: Int
        public let lowStock: Int
        public let shifts: Int
        public let replacedEarlierDemo: Bool
    }

    public let seed: UInt64
    public let now: Date
    /// Days of sales history, ending today.
    public let days: Int
    public static let source = "demo"
    static let openingHour = 7
    static let closingHour = 19
    /// Orders by opening hour (07:00 … 18:00): the morning rush and lunch.
    static let hourWeights: [Double] = [6, 11, 10, 7, 7, 10, 9, 6, 5, 5, 4, 3]
    static let totalHourWeight = hourWeights.reduce(0, +)
    /// Sunday … Saturday, as Calendar numbers weekdays.
    static let weekdayFactors: [Double] = [1.15, 0.85, 0.9, 0.95, 1.0, 1.15, 1.35]
    // Hourly cost to the shop (pay and on-costs), so labour comes to about a quarter of sales.
    static let staff: [(name: String, role: Role, rate: Int)] = [
        ("Maria", .manager, 1950), ("Sam", .staff, 1500), ("Priya", .staff, 1550), ("Tom", .staff, 1450),
        ("Aisha", .staff, 1500), ("Leo", .staff, 1450), ("Jonas", .staff, 1450), ("Mei", .staff, 1500),
        ("Olu", .staff, 1550), ("Rosa", .staff, 1450), ("Ivo", .staff, 1500), ("Lena", .staff, 1550),
    ]
    /// Staffed on purpose off the shop's own sales per labour hour, so "overstaffed hours" has something to
    /// find: two extra pairs of hands on quiet Tuesday afternoons, and the lunch cover missing on Saturdays.
    public static let overstaffed = (weekday: 3, from: 14.0, to: 18.0)
    public static let understaffed = (weekday: 7, from: 11.0, to: 14.0)

    public init(seed: UInt64 = 42, now: Date, days: Int = 365) {
        self.seed = seed
        self.now = now
        self.days = max(1, days)
    }

    static let selectDemoImports = "SELECT id FROM imports WHERE org_id = ? AND kind = 'demo'"
    static let deleteSalesOfImport = "DELETE FROM sales WHERE import_id = ?"
    static let deleteHistoryOfImport = "DELETE FROM inventory_history WHERE import_id = ?"
    static let deleteShiftsOfImport = "DELETE FROM shifts WHERE import_id = ?"
    static let deleteImport = "DELETE FROM imports WHERE id = ?"
    static let insertImport = """
        INSERT INTO imports (org_id, kind, file_name, sha256, rows_total, rows_imported, created_at)
        VALUES (?, 'demo', ?, '', 0, 0, ?)
        """
    static let updateImportCounts = "UPDATE imports SET rows_total = ?, rows_imported = ? WHERE id = ?"
    static let renameDefaultOrg = "UPDATE orgs SET name = 'Corner Café' WHERE id = ? AND name = 'My Shop'"

    /// Writes the demo shop into `store` for `org`, in one transaction.
    @discardableResult
    public func generate(into store: Store, org: Org) throws -> Summary {
        let database = store.database
        return try store.write {
            let replaced = try removeEarlierDemo(store: store, org: org)
            try database.execute(Self.renameDefaultOrg, [.integer(org.id)])
            try database.execute(
                Self.insertImport,
                [.integer(org.id), .text("demo shop (seed \(seed))"), .integer(Int64(now.timeIntervalSince1970))])
            let importID = database.lastInsertedRowID

            let items = DemoCatalog.items
            var productIDs: [Int64] = []
            for item in items {
                let product = Product(
                    sku: item.sku, name: item.name, category: item.category,
                    unitCost: item.costShare.map { Int((Double(item.price) * $0).rounded()) }, unitPrice: item.price,
                    reorderPoint: Self.reorderPoint(item), leadTimeDays: item.leadTimeDays, packSize: item.packSize)
                productIDs.append(try store.upsertProduct(product, orgID: org.id, now: now))
            }
            for person in Self.staff {
                try store.upsertMember(
                    orgID: org.id, transport: "console", userKey: person.name.lowercased(), name: person.name,
                    role: person.role, now: now)
            }

            let outages = stockOutages(calendar: org.calendar)
            var (lines, orders) = try writeSales(
                store: store, org: org, productIDs: productIDs, outages: outages, importID: importID)
            let catering = try writeCateringOrders(store: store, org: org, productIDs: productIDs, importID: importID)
            lines += catering
            orders += catering
            _ = try writeReviews(store: store, org: org, outages: outages, importID: importID)
            let lowStock = try writeStock(
                store: store, org: org, productIDs: productIDs, outages: outages, importID: importID)
            let shifts = try writeShifts(store: store, org: org, importID: importID)
            try database.execute(Self.updateImportCounts, [.int(lines), .int(lines), .integer(importID)])
            try store.recordActivity(
                orgID: org.id, memberID: nil, kind: "import",
                summary: "Demo shop loaded: \(items.count) products, \(lines) sales lines", at: now)
            return Summary(
                products: items.count, salesLines: lines, orders: orders, days: days, lowStock: lowStock,
                shifts: shifts, replacedEarlierDemo: replaced)
        }
    }

    private func removeEarlierDemo(store: Store, org: Org) throws -> Bool {
        let database = store.database
        let earlier = try database.query(Self.selectDemoImports, [.integer(org.id)]) { $0.int64(0) }
        guard !earlier.isEmpty else { return false }
        for id in earlier {
            try database.execute(Self.deleteSalesOfImport, [.integer(id)])
            try database.execute(Self.deleteHistoryOfImport, [.integer(id)])
            try database.execute(Self.deleteShiftsOfImport, [.integer(id)])
            try database.execute(Self.deleteReviewsOfImport, [.integer(id)])
            try database.execute(Self.deleteImport, [.integer(id)])
        }
        try SalesRollups(database: database, org: org).rebuild()
        return true
    }

    /// Enough stock to cover the lead time plus two days of an ordinary day's sales.
    static func reorderPoint(_ item: DemoCatalog.Item) -> Int {
        max(2, Int((item.dailyUnits * Double(item.leadTimeDays + 2)).rounded(.up)))
    }

    // MARK: Sales

    /// A product that could not be sold from `start` until `end` (nil: still out now).
    struct Outage {
        let item: Int
        let start: Date
        let end: Date?
    }

    /// A few stock-outs over the year, and two products out of stock right now.
    func stockOutages(calendar: OrgCalendar) -> [Outage] {
        var random = SeededRandom(seed: seed, stream: 0x5700)
        let count = DemoCatalog.items.count
        var outages: [Outage] = []
        for _ in 0..<8 {
            let item = Int(random.next() % UInt64(count))
            let daysAgo = 3 + Int(random.next() % UInt64(max(1, days - 10)))
            let start = calendar.startOfDay(now, adding: -daysAgo).addingTimeInterval(
                Double(9 + random.next() % 8) * 3600)
            let end = calendar.startOfDay(start, adding: 2 + Int(random.next() % 4)).addingTimeInterval(8 * 3600)
            outages.append(Outage(item: item, start: start, end: end))
        }
        for _ in 0..<2 {
            let item = Int(random.next() % UInt64(count))
            let start = calendar.startOfDay(now, adding: -1 - Int(random.next() % 2))
                .addingTimeInterval(Double(10 + random.next() % 8) * 3600)
            outages.append(Outage(item: item, start: start, end: nil))
        }
        return outages
    }

    private func writeSales(
        store: Store, org: Org, productIDs: [Int64], outages: [Outage], importID: Int64
    ) throws -> (lines: Int, orders: Int) {
        let calendar = org.calendar
        let items = DemoCatalog.items
        let today = calendar.startOfDay(now)
        var lineCount = 0
        var orderCount = 0
        try store.writeSales(org: org) { writer in
            for offset in stride(from: days - 1, through: 0, by: -1) {
                let day = calendar.startOfDay(today, adding: -offset)
                let dayKey = calendar.dayKey(day)
                let dayNumber = UInt64(bitPattern: Int64(day.timeIntervalSince1970 / 86_400))
                var random = SeededRandom(seed: seed, stream: dayNumber)
                let weights = productWeights(day: day, calendar: calendar)
                let meanLines = weights.reduce(0, +)
                let orders = random.count(mean: meanLines / 1.8)
                let hourStarts = (Self.openingHour..<Self.closingHour).map {
                    calendar.calendar.date(bySettingHour: $0, minute: 0, second: 0, of: day) ?? day
                }
                var times = (0..<orders).map { _ in
                    let hour = Self.pick(Self.hourWeights, random.unit() * Self.totalHourWeight)
                    return hourStarts[hour].addingTimeInterval(random.unit() * 3600)
                }
                times.sort()
                let cumulative = weights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
                let dayEnd = calendar.startOfDay(day, adding: 1)
                let outagesToday = outages.filter { $0.start < dayEnd && ($0.end ?? .distantFuture) > day }
                let orderPrefix = "D" + dayKey.replacingOccurrences(of: "-", with: "") + "-"
                for (number, soldAt) in times.enumerated() where soldAt < now {
                    let sequence = String(number + 1)
                    let orderID = orderPrefix + String(repeating: "0", count: max(0, 4 - sequence.count)) + sequence
                    let size = Self.basketSize(random.unit())
                    var chosen: [Int] = []
                    for _ in 0..<size {
                        let index = Self.search(cumulative, random.unit() * meanLines)
                        if chosen.contains(index) || isOut(index, at: soldAt, outagesToday) { continue }
                        chosen.append(index)
                    }
                    guard !chosen.isEmpty else { continue }
                    for (lineNumber, index) in chosen.enumerated() {
                        let item = items[index]
                        let quantity = item.packSize > 1 && random.unit() < 0.2 ? 2 : 1
                        let discount = isOnPromotion(index, day: day) ? quantity * item.price / 5 : 0
                        let cost = item.costShare.map { Int((Double(item.price) * $0).rounded()) * quantity }
                        try writer.upsert(
                            SaleLine(
                                source: Self.source, orderID: orderID, line: lineNumber + 1, soldAt: soldAt,
                                productID: productIDs[index], quantity: quantity, unitPrice: item.price,
                                discount: discount, total: quantity * item.price - discount, cost: cost,
                                channel: "in store", importID: importID))
                        lineCount += 1
                    }
                    orderCount += 1
                }
            }
        }
        return (lineCount, orderCount)
    }

    /// Expected units per product on `day`: weekday, season, promotions.
    private func productWeights(day: Date, calendar: OrgCalendar) -> [Double] {
        let weekday = calendar.calendar.component(.weekday, from: day)
        let dayOfYear = Double(calendar.calendar.ordinality(of: .day, in: .year, for: day) ?? 1)
        // +1 in mid-July, -1 in mid-January (northern hemisphere).
        let summer = -cos(2 * .pi * (dayOfYear - 15) / 365)
        let busy = Self.weekdayFactors[weekday - 1] * (1 + 0.08 * sin(2 * .pi * (dayOfYear - 300) / 365))
        return DemoCatalog.items.enumerated().map { index, item in
            let season: Double
            switch item.season {
            case .none: season = 1
            case .summer: season = 1 + 0.6 * summer
            case .winter: season = 1 - 0.45 * summer
            }
            let promotion = isOnPromotion(index, day: day) ? 1.6 : 1
            return item.dailyUnits * busy * season * promotion
        }
    }

    /// One week in eight, a rotating handful of products is 20% off.
    private func isOnPromotion(_ item: Int, day: Date) -> Bool {
        let week = Int64(day.timeIntervalSince1970 / 86_400 / 7)
        guard week % 8 == 3 else { return false }
        var random = SeededRandom(seed: seed, stream: UInt64(bitPattern: week) &* 151 &+ UInt64(item))
        return random.unit() < 0.06
    }

    private func isOut(_ item: Int, at date: Date, _ outages: [Outage]) -> Bool {
        outages.contains { $0.item == item && date >= $0.start && date < ($0.end ?? .distantFuture) }
    }

    static func basketSize(_ draw: Double) -> Int {
        draw < 0.45 ? 1 : draw < 0.8 ? 2 : draw < 0.95 ? 3 : 4
    }

    static func pick(_ weights: [Double], _ target: Double) -> Int {
        var sum = 0.0
        for (index, weight) in weights.enumerated() {
            sum += weight
            if target < sum { return index }
        }
        return weights.count - 1
    }

    /// The first index whose cumulative weight exceeds `target`.
    static func search(_ cumulative: [Double], _ target: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return low
    }

    // MARK: Stock and shifts

    /// Current stock: the two products out now at zero, a dozen below their reorder point, the rest healthy.
    /// Past stock-outs are in the history as a zero count and a delivery.
    private func writeStock(
        store: Store, org: Org, productIDs: [Int64], outages: [Outage], importID: Int64
    ) throws -> Int {
        let items = DemoCatalog.items
        var random = SeededRandom(seed: seed, stream: 0x570C)
        var low = Set<Int>()
        if let oatMilk = items.firstIndex(where: { $0.name == "Oat Milk 1L" }) { low.insert(oatMilk) }
        while low.count < 12 { low.insert(Int(random.next() % UInt64(items.count))) }
        let countedAt = org.calendar.calendar.date(bySettingHour: 6, minute: 30, second: 0, of: now) ?? now
        var lowCount = 0
        for (index, item) in items.enumerated() {
            let reorderPoint = Self.reorderPoint(item)
            let quantity: Int
            if outages.contains(where: { $0.item == index && $0.end == nil }) {
                quantity = 0
            } else if low.contains(index) {
                quantity = max(1, Int(Double(reorderPoint) * (0.2 + 0.8 * random.unit())))
            } else {
                quantity = reorderPoint + 1 + Int(item.dailyUnits * 7 * (0.5 + 3 * random.unit()))
            }
            if quantity <= reorderPoint { lowCount += 1 }
            try store.recordStock(
                productID: productIDs[index], quantity: quantity, countedAt: min(countedAt, now),
                reason: "count", importID: importID)
        }
        for outage in outages {
            try store.recordStock(
                productID: productIDs[outage.item], quantity: 0, countedAt: outage.start, reason: "stock-out",
                importID: importID)
            if let end = outage.end {
                let delivered = Self.reorderPoint(items[outage.item]) * 3
                try store.recordStock(
                    productID: productIDs[outage.item], quantity: delivered, countedAt: end, reason: "delivery",
                    importID: importID)
            }
        }
        return lowCount
    }

    /// Eight weeks of shifts up to today, and the rota planned to the end of next week (with the same two
    /// mistakes, for the check against the forecast): an opener and a closer every day, more hands at weekends.
    private func writeShifts(store: Store, org: Org, importID: Int64) throws -> Int {
        let calendar = org.calendar
        let members = try store.members(orgID: org.id)
        let endOfNextWeek = calendar.startOfDay(calendar.startOfWeek(now), adding: 14)
        let ahead = calendar.calendar.dateComponents([.day], from: calendar.startOfDay(now), to: endOfNextWeek).day ?? 0
        var count = 0
        for offset in stride(from: 55, through: -max(0, ahead - 1), by: -1) {
            let day = calendar.startOfDay(now, adding: -offset)
            var random = SeededRandom(
                seed: seed, stream: 0x5F00 &+ UInt64(bitPattern: Int64(day.timeIntervalSince1970)))
            let weekday = calendar.calendar.component(.weekday, from: day)
            let weekend = weekday == 1 || weekday == 7
            // Shifts that follow the day's trade (the morning rush, lunch, a quiet close), labour about a quarter
            // of sales as in a real café; two more on Fridays and weekends.
            var templates: [(start: Double, end: Double, role: String)] = [
                (6.5, 14.5, "barista"), (7, 14, "barista"), (7.5, 10, "barista"), (8, 10, "floor"), (8, 11, "floor"),
                (11, 14, "kitchen"), (11.5, 14.5, "floor"), (12, 19.5, "barista"), (14, 19.5, "floor"),
            ]
            if weekend || weekday == 6 { templates += [(8, 13, "floor"), (11.5, 14, "kitchen")] }
            if weekday == Self.overstaffed.weekday {
                templates += [
                    (Self.overstaffed.from, Self.overstaffed.to, "floor"),
                    (Self.overstaffed.from, Self.overstaffed.to, "stock"),
                ]
            }
            if weekday == Self.understaffed.weekday {
                // The lunch cover comes after the rush instead of for it.
                templates.removeAll { $0 == (11, 14, "kitchen") || $0 == (11.5, 14, "kitchen") }
                templates.append((Self.understaffed.to, 18, "kitchen"))
            }
            var people = Array(0..<Self.staff.count)
            for template in templates {
                // More shifts than people in a day would leave nobody to draw: they start again.
                if people.isEmpty { people = Array(0..<Self.staff.count) }
                let who = people.remove(at: Int(random.next() % UInt64(people.count)))
                let person = Self.staff[who]
                let shift = Shift(
                    person: person.name, startsAt: day.addingTimeInterval(template.start * 3600),
                    endsAt: day.addingTimeInterval(template.end * 3600),
                    role: person.role == .manager ? "manager" : template.role, hourlyRate: person.rate,
                    breakMinutes: template.end - template.start >= 6 ? 30 : 0)
                let member = members.first { $0.transport == "console" && $0.userKey == person.name.lowercased() }
                try store.upsertShift(shift, orgID: org.id, memberID: member?.id, importID: importID)
                count += 1
            }
        }
        return count
    }
}
