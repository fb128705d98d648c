import Foundation
import OpsCore

/// A span of time as people name it, in the org's calendar. Resolved against "now" when answered.
public enum Period: Sendable, Equatable {
    case today
    case yesterday
    case thisWeek
    case lastWeek
    case thisMonth
    case lastMonth
    case thisYear
    case lastYear
    /// The last N days, today included ("last 7 days", "7d").
    case lastDays(Int)
    /// The last N weeks of days, today included ("last 2 weeks").
    case lastWeeks(Int)
    /// From the most recent such weekday to now ("since Monday"); 1 = Sunday … 7 = Saturday.
    case since(weekday: Int)
    /// The most recent such weekday before today ("on Saturday").
    case onWeekday(Int)
    /// The most recent such month that has begun ("in October"); 1 = January.
    case month(Int)
    /// Explicit local dates, both included ("2024-11-01 to 2024-11-30").
    case dates(CivilDate, CivilDate)
    /// Days of a month without a year ("1-15 Nov"): the most recent such span that has begun.
    case monthDays(month: Int, from: Int, to: Int)
    /// Saturday and Sunday: the one under way or just gone ("this weekend"), or the one before it when `last` is
    /// said on a weekend day ("last weekend" on a Sunday is the previous one).
    case weekend(last: Bool)
    /// A day of the month without a month ("the 3rd"): the most recent such day that has begun.
    case dayOfMonth(Int)

    /// A period pinned to times: the span asked about, and the span it is compared with.
    public struct Resolved: Sendable, Equatable {
        public let label: String
        public let start: Date
        public let end: Date
        public let previousStart: Date
        public let previousEnd: Date
        /// True when the period is still running (it ends now).
        public let isPartial: Bool
    }

    /// The span in the org's time zone and week. A running period ends at `now`. Days and weeks are compared
    /// with the same stretch one week earlier (today until 14:05 against last week's same day until 14:05);
    /// months and years with the one before, to the same point; any other span with the equal span before it.
    public func resolve(now: Date, calendar: OrgCalendar) -> Resolved {
        let cal = calendar.calendar
        let today = calendar.startOfDay(now)
        func shift(_ date: Date, _ component: Calendar.Component, _ value: Int) -> Date {
            cal.date(byAdding: component, value: value, to: date) ?? date
        }
        func make(_ label: String, _ start: Date, _ end: Date, compare: Calendar.Component?, by value: Int = -1)
            -> Resolved
        {
            let previousStart: Date
            let previousEnd: Date
            if let compare {
                previousStart = shift(start, compare, value)
                previousEnd = min(shift(end, compare, value), start)
            } else {
                // The equal span right before, counted in local days so DST does not shift it.
                let days = cal.dateComponents([.day], from: start, to: calendar.startOfDay(end)).day ?? 0
                let extra = end.timeIntervalSince(calendar.startOfDay(end))
                let span = max(1, days + (extra > 0 ? 1 : 0))
                previousStart = calendar.startOfDay(start, adding: -span)
                previousEnd = shift(end, .day, -span)
            }
            return Resolved(
                label: label, start: start, end: end, previousStart: previousStart,
                previousEnd: min(previousEnd, start), isPartial: end == now)
        }
        let startOfMonth =
            cal.date(from: cal.dateComponents([.year, .month], from: now)).map(calendar.startOfDay) ?? today
        let startOfYear = cal.date(from: cal.dateComponents([.year], from: now)).map(calendar.startOfDay) ?? today
        switch self {
        case .today:
            return make("today", today, now, compare: .day, by: -7)
        case .yesterday:
            return make("yesterday", calendar.startOfDay(now, adding: -1), today, compare: .day, by: -7)
        case .thisWeek:
            return make("this week", calendar.startOfWeek(now), now, compare: .day, by: -7)
        case .lastWeek:
            let thisWeek = calendar.startOfWeek(now)
            return make("last week", calendar.startOfDay(thisWeek, adding: -7), thisWeek, compare: .day, by: -7)
        case .thisMonth:
            return make("this month", startOfMonth, now, compare: .month)
        case .lastMonth:
            return make("last month", shift(startOfMonth, .month, -1), startOfMonth, compare: .month)
        case .thisYear:
            return make("this year", startOfYear, now, compare: .year)
        case .lastYear:
            return make("last year", shift(startOfYear, .year, -1), startOfYear, compare: .year)
        case .lastDays(let count):
            let days = min(max(count, 1), Self.longestSpanDays)
            return make(
                "last \(days) day" + (days == 1 ? "" : "s"), calendar.startOfDay(now, adding: 1 - days), now,
                compare: nil)
        case .lastWeeks(let count):
            let weeks = min(max(count, 1), 520)
            return make(
                "last \(weeks) week" + (weeks == 1 ? "" : "s"), calendar.startOfDay(now, adding: 1 - 7 * weeks), now,
                compare: nil)
        case .since(let weekday):
            let back = (cal.component(.weekday, from: now) - weekday + 7) % 7
            return make(
                "since \(Self.weekdayNames[weekday - 1])", calendar.startOfDay(now, adding: -back), now, compare: .day,
                by: -7)
        case .onWeekday(let weekday):
            var back = (cal.component(.weekday, from: now) - weekday + 7) % 7
            if back == 0 { back = 7 }
            let day = calendar.startOfDay(now, adding: -back)
            return make(
                "on \(Self.weekdayNames[weekday - 1])", day, calendar.startOfDay(day, adding: 1), compare: .day, by: -7)
        case .month(let month):
            let current = cal.component(.month, from: now)
            let year = cal.component(.year, from: now) - (month > current ? 1 : 0)
            let start = calendar.date(dayKey: CivilDate(year: year, month: month, day: 1).key) ?? today
            let end = min(shift(start, .month, 1), now)
            return make("in \(Self.monthNames[month - 1])", start, end, compare: .month)
        case .monthDays(let month, let from, let to):
            let currentYear = cal.component(.year, from: now)
            let thisYear = CivilDate(year: currentYear, month: month, day: max(1, from))
            let todayCivil = CivilDate(
                year: currentYear, month: cal.component(.month, from: now), day: cal.component(.day, from: now))
            let year = thisYear.daysSince1970 > todayCivil.daysSince1970 ? currentYear - 1 : currentYear
            return Period.dates(
                CivilDate(year: year, month: month, day: max(1, from)),
                CivilDate(year: year, month: month, day: max(1, to))
            ).resolve(now: now, calendar: calendar)
        case .weekend(let last):
            let weekday = cal.component(.weekday, from: now)
            let onWeekend = weekday == 7 || weekday == 1
            // Back to the latest Saturday that has begun (today, on a Saturday).
            var back = (weekday - 7 + 7) % 7
            if last && onWeekend { back += 7 }
            let saturday = calendar.startOfDay(now, adding: -back)
            let end = min(calendar.startOfDay(saturday, adding: 2), now)
            return make(last ? "last weekend" : "the weekend", saturday, end, compare: .day, by: -7)
        case .dayOfMonth(let day):
            let month = cal.component(.month, from: now)
            let begun = cal.component(.day, from: now) >= day
            let asked = begun ? month : (month == 1 ? 12 : month - 1)
            return Period.monthDays(month: asked, from: day, to: day).resolve(now: now, calendar: calendar)
        case .dates(let first, let last):
            var (from, to) = first.daysSince1970 <= last.daysSince1970 ? (first, last) : (last, first)
            // At most ten years back from the later date: a typo like "1013-11-10" must not mean a millennium.
            if to.daysSince1970 - from.daysSince1970 > Self.longestSpanDays {
                from = CivilDate(daysSince1970: to.daysSince1970 - Self.longestSpanDays)
            }
            let start = calendar.date(dayKey: from.key) ?? today
            let end = min(
                calendar.date(dayKey: to.key).map { calendar.startOfDay($0, adding: 1) } ?? today, max(now, start))
            return make("", start, end, compare: nil)
        }
    }

    static let longestSpanDays = 3660

    /// Words that parse back to this period: a button's action carries the period asked about.
    public var phrase: String {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        switch self {
        case .today: return "today"
        case .yesterday: return "yesterday"
        case .thisWeek: return "this week"
        case .lastWeek: return "last week"
        case .thisMonth: return "this month"
        case .lastMonth: return "last month"
        case .thisYear: return "this year"
        case .lastYear: return "last year"
        case .lastDays(let count): return "last \(count) days"
        case .lastWeeks(let count): return "last \(count) weeks"
        case .since(let weekday): return "since \(Self.weekdayNames[min(max(weekday - 1, 0), 6)].lowercased())"
        case .onWeekday(let weekday): return "on \(Self.weekdayNames[min(max(weekday - 1, 0), 6)].lowercased())"
        case .month(let month): return "in \(Self.monthNames[min(max(month - 1, 0), 11)].lowercased())"
        case .dates(let first, let last): return "\(first.key) to \(last.key)"
        case .monthDays(let month, let from, let to): return "\(from)-\(to) \(months[min(max(month - 1, 0), 11)])"
        case .weekend(let last): return last ? "last weekend" : "this weekend"
        case .dayOfMonth(let day): return "on the \(day)th"
        }
    }

    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
}
