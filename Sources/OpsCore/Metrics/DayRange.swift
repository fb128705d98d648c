import Foundation

/// The local days a span of time touches, as rollup keys: `from` included, `to` excluded.
/// A span ending part-way through a day includes that day (the daily rollups hold whole days).
public struct DayRange: Sendable, Equatable {
    public let from: String
    public let to: String
    public let days: Int

    public init(start: Date, end: Date, calendar: OrgCalendar) {
        let first = calendar.startOfDay(start)
        let endDay = calendar.startOfDay(end)
        let last = endDay == end ? endDay : calendar.startOfDay(end, adding: 1)
        from = calendar.dayKey(first)
        to = calendar.dayKey(last)
        days = max(0, calendar.calendar.dateComponents([.day], from: first, to: last).day ?? 0)
    }
}
