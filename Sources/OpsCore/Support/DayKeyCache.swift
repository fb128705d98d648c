import Foundation

/// Maps times to local days, remembering the last day so a run of nearby times costs one lookup.
struct DayKeyCache {
    let calendar: OrgCalendar
    private var start = Date.distantFuture
    private var end = Date.distantPast
    private var day = CivilDate(year: 1970, month: 1, day: 1)

    init(calendar: OrgCalendar) { self.calendar = calendar }

    /// The local date holding `date`.
    mutating func civilDate(for date: Date) -> CivilDate {
        if date >= start && date < end { return day }
        start = calendar.startOfDay(date)
        end = calendar.startOfDay(date, adding: 1)
        let parts = calendar.calendar.dateComponents([.year, .month, .day], from: date)
        day = CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        return day
    }

    /// The local date as `YYYY-MM-DD`, the key of the daily rollups.
    mutating func key(for date: Date) -> String { civilDate(for: date).key }

    mutating func bounds(for date: Date) -> (start: Date, end: Date) {
        _ = civilDate(for: date)
        return (start, end)
    }
}
