import Foundation
import OpsCore

/// Dates and times in the org's time zone, short enough for a phone: "Tue 24 Nov", "14:05".
public struct DateText: Sendable {
    public let calendar: OrgCalendar

    public init(calendar: OrgCalendar) { self.calendar = calendar }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Tue 24 Nov"; the year is added when it is not the year of `now`.
    public func day(_ date: Date, now: Date? = nil) -> String {
        day(date, withYear: now.map { calendar.calendar.component(.year, from: $0) != year(date) } ?? false)
    }

    /// "Thu 1 Jan – Sat 31 Jan"; one day alone when both are the same day. A span across a new year shows
    /// both years, or "Thu 1 Jan – Fri 1 Jan 2027" would seem to start in 2027.
    public func days(_ first: Date, _ last: Date, now: Date) -> String {
        let crossesYear = year(first) != year(last)
        let from = crossesYear ? day(first, withYear: true) : day(first, now: now)
        let to = crossesYear ? day(last, withYear: true) : day(last, now: now)
        return from == to ? from : "\(from) – \(to)"
    }

    private func year(_ date: Date) -> Int { calendar.calendar.component(.year, from: date) }

    private func day(_ date: Date, withYear: Bool) -> String {
        let parts = calendar.calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        let text = "\(Self.weekdays[(parts.weekday ?? 1) - 1]) \(parts.day ?? 0) \(Self.months[(parts.month ?? 1) - 1])"
        return withYear ? text + " \(parts.year ?? 0)" : text
    }

    /// "14:05".
    public func time(_ date: Date) -> String {
        let parts = calendar.calendar.dateComponents([.hour, .minute], from: date)
        let hour = parts.hour ?? 0
        let minute = parts.minute ?? 0
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// "today 14:05", "yesterday 09:12", "Tue 17 Nov 16:40".
    public func moment(_ date: Date, now: Date) -> String {
        let today = calendar.startOfDay(now)
        if date >= today && date < calendar.startOfDay(now, adding: 1) { return "today " + time(date) }
        if date >= calendar.startOfDay(now, adding: -1) && date < today { return "yesterday " + time(date) }
        return day(date, now: now) + " " + time(date)
    }
}
