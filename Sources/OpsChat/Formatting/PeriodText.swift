import Foundation
import OpsCore

/// States the period an answer covers: "Sales yesterday (Tue 24 Nov)", "Top 5 this week (Mon 23 – Wed 25 Nov to 14:30)".
struct PeriodText {
    let calendar: OrgCalendar
    let now: Date

    /// "Sales yesterday (Tue 24 Nov)"; explicit dates have no name, only the span.
    func title(_ subject: String, _ period: Period.Resolved) -> String {
        let name = period.label.isEmpty ? "" : " " + period.label
        return "\(subject)\(name) (\(span(period.start, period.end, partial: period.isPartial)))"
    }

    /// "Tue 24 Nov", "Wed 25 Nov to 14:05", "Mon 23 – Wed 25 Nov", "Fri 30 Oct – Wed 25 Nov".
    func span(_ start: Date, _ end: Date, partial: Bool) -> String {
        let dates = DateText(calendar: calendar)
        let lastDay = partial ? end : end.addingTimeInterval(-1)
        let first = dates.day(start, now: now)
        let last = dates.day(lastDay, now: now)
        var text: String
        if calendar.startOfDay(start) == calendar.startOfDay(lastDay) {
            text = first
        } else if first.split(separator: " ").dropFirst(2) == last.split(separator: " ").dropFirst(2) {
            text = first.split(separator: " ").prefix(2).joined(separator: " ") + " – " + last
        } else {
            text = first + " – " + last
        }
        if partial && end != calendar.startOfDay(end) { text += " to " + dates.time(end) }
        return text
    }

    func previous(_ period: Period.Resolved) -> String {
        span(period.previousStart, period.previousEnd, partial: period.isPartial)
    }
}
