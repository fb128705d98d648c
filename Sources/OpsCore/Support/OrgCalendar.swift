import Foundation

/// Local days and weeks of an org: "today" and "this week" are counted in its time zone and week start.
public struct OrgCalendar: Sendable {
    public let timeZone: TimeZone
    public let weekStart: WeekStart
    public let calendar: Calendar

    public init(timeZone: TimeZone, weekStart: WeekStart = .monday) {
        self.timeZone = timeZone
        self.weekStart = weekStart
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = weekStart == .monday ? 2 : 1
        calendar.minimumDaysInFirstWeek = 4
        self.calendar = calendar
    }

    public func startOfDay(_ date: Date) -> Date { calendar.startOfDay(for: date) }

    /// The start of the local day `days` after the one holding `date` (negative for before). DST-safe.
    public func startOfDay(_ date: Date, adding days: Int) -> Date {
        let start = calendar.startOfDay(for: date)
        guard days != 0 else { return start }
        let shifted = calendar.date(byAdding: .day, value: days, to: start) ?? start
        return calendar.startOfDay(for: shifted)
    }

    public func startOfWeek(_ date: Date) -> Date {
        let start = startOfDay(date)
        let weekday = calendar.component(.weekday, from: start)
        let back = (weekday - calendar.firstWeekday + 7) % 7
        return startOfDay(start, adding: -back)
    }

    /// The local date as `YYYY-MM-DD`, the key of the daily rollups.
    public func dayKey(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return CivilDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0).key
    }

    /// The start of the local day named by a `YYYY-MM-DD` key, or nil for a malformed key.
    public func date(dayKey: String) -> Date? {
        let parts = dayKey.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components) else { return nil }
        return calendar.startOfDay(for: date)
    }
}
