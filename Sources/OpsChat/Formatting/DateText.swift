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
        let parts = calendar.calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        var text = "\(Self.weekdays[(parts.weekday ?? 1) - 1]) \(parts.day ?? 0) \(Self.months[(parts.month ?? 1) - 1])"
        if let now, calendar.calendar.component(.year, from: now) != parts.year { text += " \(parts.year ?? 0)" }
        return text
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
