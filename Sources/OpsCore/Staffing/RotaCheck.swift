import Foundation

/// The rota against the forecast: for the hours a future span has planned shifts in, the people planned against
/// the people the forecast sales need at the shop's target, and the hours to add or cut with the money at stake.
///
/// The day's sales are forecast from the shop's daily takings (the demand forecaster, on money instead of units),
/// then spread over the day by the share each hour of that weekday took over the last 8 weeks. An hour is off by
/// the same rule as the past hours: the people planned and the people needed differ by a whole person, and an
/// open hour (forecast sales or anyone planned) needs one.
public struct RotaCheck {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    /// One planned hour.
    public struct Hour: Sendable, Equatable {
        public let start: Date
        /// Person-hours planned (a break is taken out evenly across its shift).
        public let planned: Double
        /// Wages planned, minor units, over the planned hours with a rate, and those hours.
        public let cost: Double
        public let ratedPeople: Double
        public let forecastSales: Double
        public let needed: Double

        public var difference: Double { planned - needed }
    }

    /// Consecutive hours of one day off by the same whole number of people.
    public struct Change: Sendable, Equatable {
        public let start: Date
        public let end: Date
        /// People to add (positive) or cut (negative) in each hour.
        public let people: Int
        public let forecastSales: Double
        /// The wages the change adds or saves, minor units; nil when no planned shift has a rate.
        public let wages: Double?

        public var hours: Int { Int((end.timeIntervalSince(start) / 3600).rounded()) }
    }

    public struct Result: Sendable, Equatable {
        public let hours: [Hour]
        public let add: [Change]
        public let cut: [Change]
        /// Sales per labour hour the needed people are counted at, and how that target was set.
        public let target: Double
        public let rule: String

        public var plannedHours: Double { hours.reduce(0) { $0 + $1.planned } }
        public var plannedCost: Double { hours.reduce(0) { $0 + $1.cost } }
        public var forecastSales: Double { hours.reduce(0) { $0 + $1.forecastSales } }
    }

    /// How far ahead the daily forecast reaches.
    public static let horizonDays = 28

    static let selectHourlyTakings =
        "SELECT hour_start, revenue FROM hourly_sales WHERE org_id = ? AND hour_start >= ? AND hour_start < ?"

    /// The plan for `start ..< end` (from the current hour when it has begun) against the forecast; nil when the
    /// shop has no target yet (no shifts in the last 8 weeks and none set) or nothing is planned in the span.
    /// `localHours` keeps only the hours of the day it names (a morning: 0 ..< 12).
    public func check(from start: Date, to end: Date, now: Date, localHours: Range<Int>? = nil) throws -> Result? {
        let metrics = StaffingMetrics(store: store, org: org)
        guard let (target, rule) = try metrics.target(now: now), target > 0 else { return nil }
        let calendar = org.calendar
        let thisHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let from = max(start, thisHour)
        let until = min(end, calendar.startOfDay(now, adding: Self.horizonDays))
        guard from < until else { return nil }
        let daily = try dailyForecast(now: now)
        let shares = try hourShares(now: now)

        var clock = LocalClock(zone: org.timeZone)
        let today = clock.day(now)
        var hours: [Hour] = []
        for hour in try metrics.hours(from: from, to: until) {
            let localHour = clock.hour(hour.start)
            if let localHours, !localHours.contains(localHour) { continue }
            let dayNumber = clock.day(hour.start)
            let weekday = LocalClock.weekday(ofDay: dayNumber)
            let day = dayNumber - today
            let dayForecast = daily.indices.contains(day) ? daily[day] : 0
            let sales = max(0, dayForecast * shares[weekday][localHour])
            // Under a penny of forecast sales is an hour the shop does not trade in.
            let open = sales >= 1 || hour.people > 0
            guard open else { continue }
            hours.append(
                Hour(
                    start: hour.start, planned: hour.people, cost: hour.cost, ratedPeople: hour.ratedPeople,
                    forecastSales: sales,
                    needed: max(1, sales / target)))
        }
        guard hours.contains(where: { $0.planned > 0 }) else { return nil }
        let rated = hours.reduce(0) { $0 + $1.ratedPeople }
        let rate: Double? = rated > 0 ? hours.reduce(0) { $0 + $1.cost } / rated : nil
        return Result(
            hours: hours, add: changes(hours, adding: true, rate: rate), cut: changes(hours, adding: false, rate: rate),
            target: target, rule: rule)
    }

    /// Runs of hours off by the same whole number of people, one way.
    func changes(_ hours: [Hour], adding: Bool, rate: Double?) -> [Change] {
        var result: [Change] = []
        var run: [Hour] = []
        var runPeople = 0
        func close() {
            guard let first = run.first, let last = run.last else { return }
            // A cut saves the average rate of the people planned in those hours; an addition costs the plan's.
            let wages: Double? =
                adding
                ? rate.map { $0 * Double(runPeople * run.count) }
                : run.contains { $0.ratedPeople > 0 }
                    ? run.reduce(0) { $0 + ($1.ratedPeople > 0 ? $1.cost / $1.ratedPeople : 0) * Double(runPeople) }
                    : nil
            result.append(
                Change(
                    start: first.start, end: last.start.addingTimeInterval(3600),
                    people: adding ? runPeople : -runPeople, forecastSales: run.reduce(0) { $0 + $1.forecastSales },
                    wages: wages))
            run = []
        }
        let calendar = org.calendar
        for hour in hours {
            let whole = Int((adding ? -hour.difference : hour.difference).rounded(.down))
            let follows =
                run.last.map {
                    hour.start.timeIntervalSince($0.start) == 3600
                        && calendar.startOfDay($0.start) == calendar.startOfDay(hour.start)
                } ?? false
            if whole >= 1, follows, whole == runPeople {
                run.append(hour)
                continue
            }
            close()
            if whole >= 1 {
                run = [hour]
                runPeople = whole
            }
        }
        close()
        return result
    }

    /// The shop's takings forecast per local day from today (`ShopForecast`).
    func dailyForecast(now: Date) throws -> [Double] {
        try ShopForecast(store: store, org: org).takings(now: now, days: Self.horizonDays)?.daily ?? []
    }

    /// Per local weekday (0 = Sunday) and hour, the share of that weekday's takings over the last 8 weeks.
    func hourShares(now: Date) throws -> [[Double]] {
        let calendar = org.calendar
        let start = calendar.startOfDay(now, adding: -56)
        let end = calendar.startOfDay(now)
        var clock = LocalClock(zone: org.timeZone)
        var sums = [[Double]](repeating: [Double](repeating: 0, count: 24), count: 7)
        try store.database.forEachRow(
            Self.selectHourlyTakings,
            [
                .integer(org.id), .integer(Int64(start.timeIntervalSince1970)),
                .integer(Int64(end.timeIntervalSince1970)),
            ]
        ) { row in
            let at = Date(timeIntervalSince1970: TimeInterval(row.int64(0)))
            sums[clock.weekday(at)][clock.hour(at)] += Double(row.int64(1))
        }
        return sums.map { hours in
            let total = hours.reduce(0, +)
            return total > 0 ? hours.map { max(0, $0) / total } : hours.map { _ in 0 }
        }
    }
}
