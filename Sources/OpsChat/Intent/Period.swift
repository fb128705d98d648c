import Foundation
import OpsCore

/// A named span of time in the org's calendar. Resolved against "now" when answered.
public enum Period: Sendable, Equatable {
    case today
    case yesterday
    case thisWeek
    case lastWeek

    /// A period pinned to times: the span asked about, and the same span one week earlier to compare with.
    public struct Resolved: Sendable, Equatable {
        public let label: String
        public let start: Date
        public let end: Date
        public let previousStart: Date
        public let previousEnd: Date
        /// True when the period is still running ("today" until now).
        public let isPartial: Bool
    }

    /// The span in the org's time zone and week. A running period ends at `now`, and is compared with the
    /// same stretch a week earlier (today until 14:05 against last week's same day until 14:05).
    public func resolve(now: Date, calendar: OrgCalendar) -> Resolved {
        let today = calendar.startOfDay(now)
        let start: Date
        let end: Date
        let label: String
        switch self {
        case .today:
            (start, end, label) = (today, now, "today")
        case .yesterday:
            (start, end, label) = (calendar.startOfDay(now, adding: -1), today, "yesterday")
        case .thisWeek:
            (start, end, label) = (calendar.startOfWeek(now), now, "this week")
        case .lastWeek:
            let thisWeek = calendar.startOfWeek(now)
            (start, end, label) = (calendar.startOfDay(thisWeek, adding: -7), thisWeek, "last week")
        }
        let weekBefore = { (date: Date) in calendar.calendar.date(byAdding: .day, value: -7, to: date) ?? date }
        return Resolved(
            label: label, start: start, end: end, previousStart: weekBefore(start), previousEnd: weekBefore(end),
            isPartial: end == now)
    }
}
