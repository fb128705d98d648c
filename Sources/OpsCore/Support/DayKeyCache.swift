import Foundation

/// The org-local date of many instants, asking the calendar once a day: the day last asked for answers at once,
/// and every other day met is kept by its number, so rows out of time order (several tills' exports
/// concatenated, a sheet sorted by product) do not ask the calendar at every row.
struct DayKeyCache {
    let calendar: OrgCalendar
    private var start = Date.distantFuture
    private var end = Date.distantPast
    private var day = CivilDate(year: 1970, month: 1, day: 1)
    /// The days met, by their number since 1970 (local): where each starts and ends.
    private var days: [Int: (start: Date, end: Date, day: CivilDate)] = [:]
    /// The zone's offset at the last day asked of the calendar: a good guess at another day's number.
    private var offset: TimeInterval = 0

    init(calendar: OrgCalendar) { self.calendar = calendar }

    /// The local date holding `date`.
    mutating func civilDate(for date: Date) -> CivilDate {
        if date >= start && date < end { return day }
        let seconds = date.timeIntervalSince1970 + offset
        if seconds.isFinite, abs(seconds) < 1e13 {
            let guess = Int((seconds / 86_400).rounded(.down))
            // A day of another offset (summer time) is one either side of the guess near its midnight.
            for number in [guess, guess - 1, guess + 1] {
                if let known = days[number], date >= known.start, date < known.end {
                    (start, end, day) = known
                    return day
                }
            }
        }
        start = calendar.startOfDay(date)
        end = calendar.startOfDay(date, adding: 1)
        let parts = calendar.calendar.dateComponents([.year, .month, .day], from: date)
        day = CivilDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
        let number = day.daysSince1970
        offset = Double(number) * 86_400 - start.timeIntervalSince1970
        if days.count > 20_000 { days.removeAll(keepingCapacity: true) }
        days[number] = (start, end, day)
        return day
    }

    /// The local date as `YYYY-MM-DD`, the key of the daily rollups.
    mutating func key(for date: Date) -> String { civilDate(for: date).key }

    mutating func bounds(for date: Date) -> (start: Date, end: Date) {
        _ = civilDate(for: date)
        return (start, end)
    }
}
