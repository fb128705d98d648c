import Foundation

/// A shop: its name, the time zone its days are counted in, and the currency its money is kept in.
public struct Org: Sendable, Equatable {
    public let id: Int64
    public var name: String
    public var timeZone: TimeZone
    public var currency: Currency
    public var weekStart: WeekStart

    public init(id: Int64, name: String, timeZone: TimeZone, currency: Currency, weekStart: WeekStart) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.currency = currency
        self.weekStart = weekStart
    }

    /// The org's calendar: its time zone and the first day of its week.
    public var calendar: OrgCalendar { OrgCalendar(timeZone: timeZone, weekStart: weekStart) }
}

public enum WeekStart: String, Sendable, CaseIterable {
    case monday
    case sunday
}
