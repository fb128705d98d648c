import Foundation

/// Maps times to local day keys, remembering the last day so a run of nearby times costs one lookup.
struct DayKeyCache {
    let calendar: OrgCalendar
    private var start = Date.distantFuture
    private var end = Date.distantPast
    private var key = ""

    init(calendar: OrgCalendar) { self.calendar = calendar }

    mutating func key(for date: Date) -> String {
        if date >= start && date < end { return key }
        start = calendar.startOfDay(date)
        end = calendar.startOfDay(date, adding: 1)
        key = calendar.dayKey(date)
        return key
    }

    mutating func bounds(for date: Date) -> (start: Date, end: Date) {
        _ = key(for: date)
        return (start, end)
    }
}
