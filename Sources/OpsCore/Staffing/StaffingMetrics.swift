import Foundation

/// Labour against sales, from the shifts and the hourly sales rollup: hours and cost per hour of the day, sales
/// per labour hour (SPLH), labour cost as a share of sales, and the hours staffed above or below a target.
///
/// Hours are the UTC hours `hourly_sales` is keyed by, shown in the shop's zone. A shift's unpaid break is
/// taken out evenly across it (a file says how long a break is, not when). A shift without a rate counts its
/// hours and no cost; the totals say how many such hours there were.
public struct StaffingMetrics {
    let store: Store
    let org: Org
    /// Only this location's shifts and sales (as the files name it, any case); nil: the whole shop.
    public let location: String?
    var database: Database { store.database }

    public init(store: Store, org: Org, location: String? = nil) {
        self.store = store
        self.org = org
        self.location = location
    }

    /// One hour: the people working it (person-hours), what they cost, and what was sold.
    public struct Hour: Sendable, Equatable {
        public let start: Date
        public var people: Double = 0
        public var cost: Double = 0
        /// The person-hours whose shift has a rate: `cost` is theirs.
        public var ratedPeople: Double = 0
        public var sales = 0

        /// Sales per labour hour; nil when nobody worked.
        public var splh: Double? { people > 0 ? Double(sales) / people : nil }
    }

    public struct Totals: Sendable, Equatable {
        public var labourHours = 0.0
        /// Cost in minor units, over the hours with a rate.
        public var labourCost = 0.0
        /// Worked hours whose shift has no rate: counted in hours, not in cost.
        public var hoursWithoutRate = 0.0
        public var sales = 0
        public var shifts = 0

        public var splh: Double? { labourHours > 0 ? Double(sales) / labourHours : nil }
        /// Labour cost as a percentage of sales; nil without sales or without any cost known.
        public var labourPercent: Double? {
            sales > 0 && labourCost > 0 ? labourCost / Double(sales) * 100 : nil
        }
    }

    /// A worked shift, clipped to a span.
    public struct Worked: Sendable, Equatable {
        public let shift: Shift
        public let memberID: Int64?
    }

    static let selectShifts = """
        SELECT person, starts_at, ends_at, role, hourly_rate, location, break_minutes, member_id FROM shifts
        WHERE org_id = ? AND starts_at < ? AND ends_at > ? AND starts_at > ? ORDER BY starts_at, person
        """
    /// No shift is longer than a day (the importer refuses one): one that overlaps a span starts at most this long
    /// before it, which bounds the index scan.
    static let longestShift: Int64 = 2 * 86_400
    static let selectShiftsAtLocation = """
        SELECT person, starts_at, ends_at, role, hourly_rate, location, break_minutes, member_id FROM shifts
        WHERE org_id = ? AND starts_at < ? AND ends_at > ? AND starts_at > ? AND location = ? COLLATE NOCASE
        ORDER BY starts_at, person
        """
    static let selectHourlySales =
        "SELECT hour_start, revenue FROM hourly_sales WHERE org_id = ? AND hour_start >= ? AND hour_start < ?"
    // The hourly rollup is the whole shop's: one location's hours come from its lines.
    static let selectHourlySalesAtLocation = """
        SELECT sold_at - sold_at % 3600, SUM(total) FROM sales
        WHERE org_id = ? AND sold_at >= ? AND sold_at < ? AND location = ? COLLATE NOCASE GROUP BY 1
        """

    /// The shifts that overlap `start ..< end`, whole.
    public func shifts(from start: Date, to end: Date) throws -> [Worked] {
        var values: [SQLValue] = [
            .integer(org.id), .integer(Int64(end.timeIntervalSince1970)),
            .integer(Int64(start.timeIntervalSince1970)),
            .integer(Int64(start.timeIntervalSince1970) - Self.longestShift),
        ]
        if let location { values.append(.text(location)) }
        return try database.query(
            location == nil ? Self.selectShifts : Self.selectShiftsAtLocation,
            values
        ) { row in
            Worked(
                shift: Shift(
                    person: row.string(0), startsAt: Date(timeIntervalSince1970: TimeInterval(row.int64(1))),
                    endsAt: Date(timeIntervalSince1970: TimeInterval(row.int64(2))), role: row.string(3),
                    hourlyRate: row.optionalInt(4), location: row.string(5), breakMinutes: row.int(6)),
                memberID: row.isNull(7) ? nil : row.int64(7))
        }
    }

    /// Every hour of `start ..< end` (whole UTC hours) with its people, cost and sales.
    public func hours(from start: Date, to end: Date) throws -> [Hour] {
        let first = Int64((start.timeIntervalSince1970 / 3600).rounded(.down)) * 3600
        let last = Int64((end.timeIntervalSince1970 / 3600).rounded(.up)) * 3600
        guard last > first, (last - first) / 3600 <= 24 * 3700 else { return [] }
        var hours = stride(from: first, to: last, by: 3600).map {
            Hour(start: Date(timeIntervalSince1970: TimeInterval($0)))
        }
        func slot(_ seconds: Int64) -> Int { Int((seconds - first) / 3600) }
        var values: [SQLValue] = [.integer(org.id), .integer(first), .integer(last)]
        if let location { values.append(.text(location)) }
        try database.forEachRow(
            location == nil ? Self.selectHourlySales : Self.selectHourlySalesAtLocation, values
        ) { row in
            let index = slot(row.int64(0))
            if hours.indices.contains(index) { hours[index].sales += row.int(1) }
        }
        for worked in try shifts(
            from: Date(timeIntervalSince1970: TimeInterval(first)), to: Date(timeIntervalSince1970: TimeInterval(last)))
        {
            let shift = worked.shift
            let length = shift.endsAt.timeIntervalSince(shift.startsAt)
            guard length > 0 else { continue }
            // The share of each hour of the shift that was paid work.
            let paid = max(0, 1 - Double(shift.breakMinutes) * 60 / length)
            var at = max(shift.startsAt.timeIntervalSince1970, TimeInterval(first))
            let stop = min(shift.endsAt.timeIntervalSince1970, TimeInterval(last))
            while at < stop {
                let index = slot(Int64(at))
                let hourEnd = TimeInterval(first) + TimeInterval(index + 1) * 3600
                let part = (min(stop, hourEnd) - at) / 3600 * paid
                if hours.indices.contains(index) {
                    hours[index].people += part
                    if let rate = shift.hourlyRate {
                        hours[index].cost += part * Double(rate)
                        hours[index].ratedPeople += part
                    }
                }
                at = hourEnd
            }
        }
        return hours
    }

    /// Hours, cost and sales over `start ..< end`: the shifts clipped to it, the sales made in it.
    public func totals(from start: Date, to end: Date) throws -> Totals {
        var totals = Totals()
        for worked in try shifts(from: start, to: end) {
            let shift = worked.shift
            let length = shift.endsAt.timeIntervalSince(shift.startsAt)
            guard length > 0 else { continue }
            let inside = min(shift.endsAt, end).timeIntervalSince(max(shift.startsAt, start))
            let worked = max(0, inside / 3600 * (1 - Double(shift.breakMinutes) * 60 / length))
            totals.labourHours += worked
            totals.shifts += 1
            if let rate = shift.hourlyRate {
                totals.labourCost += worked * Double(rate)
            } else {
                totals.hoursWithoutRate += worked
            }
        }
        totals.sales = try SalesMetrics(store: store, org: org).totals(from: start, to: end, location: location).revenue
        return totals
    }

    /// An hour staffed off target: `scheduled` people where the sales needed `needed`.
    public struct OffTarget: Sendable, Equatable {
        public let hour: Hour
        public let needed: Double
        public var difference: Double { hour.people - needed }
    }

    /// The hours of the span staffed at least one whole person above (`over`) or below what their sales needed at
    /// `target` sales per labour hour; an open hour (sales or staff) needs at least one person.
    public func offTarget(from start: Date, to end: Date, target: Double) throws -> (
        over: [OffTarget], under: [OffTarget]
    ) {
        guard target > 0 else { return ([], []) }
        var over: [OffTarget] = []
        var under: [OffTarget] = []
        for hour in try hours(from: start, to: end) where hour.people > 0 || hour.sales > 0 {
            let needed = max(1, Double(hour.sales) / target)
            let entry = OffTarget(hour: hour, needed: needed)
            if entry.difference >= 1 { over.append(entry) } else if entry.difference <= -1 { under.append(entry) }
        }
        return (over.sorted { $0.difference > $1.difference }, under.sorted { $0.difference < $1.difference })
    }

    /// The sales per labour hour "overstaffed" is judged by, and how it was set: the shop's target in sales per
    /// labour hour; a labour share turned into one at the shop's average hourly cost over 8 weeks (25 % at £15
    /// an hour: £60 of sales for each hour worked); else its own sales per labour hour over 8 weeks.
    public func target(now: Date) throws -> (splh: Double, rule: String)? {
        switch try store.staffingTarget(orgID: org.id) {
        case .splh(let value):
            return (Double(value), "the shop's target")
        case .labourPercent(let percent):
            let start = org.calendar.startOfDay(now, adding: -56)
            let totals = try totals(from: start, to: org.calendar.startOfDay(now))
            let costed = totals.labourHours - totals.hoursWithoutRate
            guard costed > 0, totals.labourCost > 0 else { return nil }
            let rate = totals.labourCost / costed
            return (
                rate / (percent / 100),
                String(format: "labour at %.1f%% of sales, at the last 8 weeks' average hourly cost", percent)
            )
        case nil:
            return try usualSPLH(now: now).map { ($0, "the shop's own over the last 8 weeks") }
        }
    }

    /// The shop's own sales per labour hour over the 8 weeks before `now`, in the hours someone worked: the
    /// default target.
    public func usualSPLH(now: Date) throws -> Double? {
        let start = org.calendar.startOfDay(now, adding: -56)
        let hours = try self.hours(from: start, to: org.calendar.startOfDay(now)).filter { $0.people > 0 }
        let people = hours.reduce(0) { $0 + $1.people }
        guard people > 0 else { return nil }
        return Double(hours.reduce(0) { $0 + $1.sales }) / people
    }
}
