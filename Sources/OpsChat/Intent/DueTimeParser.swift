import Foundation
import OpsCore

/// When a task is due, from the words after "by": "5pm", "17:00", "9:30am", "tomorrow", "tomorrow 9am",
/// "friday", "fri 3pm", "2026-12-01". In the org's time zone; a day without a time means 17:00, and a time
/// already past today means tomorrow.
struct DueTimeParser {
    let calendar: OrgCalendar
    let now: Date

    static let endOfDay = 17 * 60
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    func parse(_ text: String) -> Date? {
        var words = text.lowercased().split(separator: " ").map(String.init).filter { $0 != "at" && $0 != "on" }
        guard !words.isEmpty else { return nil }
        var dayOffset: Int?
        var explicitDay: Date?
        if let first = words.first {
            if first == "today" || first == "tonight" {
                dayOffset = 0
            } else if first == "tomorrow" || first == "tmrw" {
                dayOffset = 1
            } else if let index = Self.weekdays.firstIndex(where: {
                $0 == first || ($0.hasPrefix(first) && first.count >= 3)
            }) {
                let today = calendar.calendar.component(.weekday, from: now) - 1
                let ahead = (index - today + 7) % 7
                dayOffset = ahead == 0 ? 7 : ahead
            } else if first.count == 10, let day = calendar.date(dayKey: first) {
                explicitDay = day
            }
            if dayOffset != nil || explicitDay != nil { words.removeFirst() }
        }
        var minutes: Int?
        if let timeWord = words.first {
            guard let parsed = Self.minutes(timeWord + (words.count > 1 ? words[1] : "")) ?? Self.minutes(timeWord)
            else {
                return nil
            }
            minutes = parsed
        }
        guard dayOffset != nil || explicitDay != nil || minutes != nil else { return nil }
        let dayStart = explicitDay ?? calendar.startOfDay(now, adding: dayOffset ?? 0)
        var due = calendar.calendar.date(byAdding: .minute, value: minutes ?? Self.endOfDay, to: dayStart) ?? dayStart
        if dayOffset == nil, explicitDay == nil, due <= now {
            due = calendar.calendar.date(byAdding: .day, value: 1, to: due) ?? due
        }
        return due
    }

    /// "5pm", "5 pm", "17:00", "9:30am", "noon" → minutes after midnight.
    static func minutes(_ word: String) -> Int? {
        var text = word.replacingOccurrences(of: " ", with: "")
        if text == "noon" || text == "midday" { return 12 * 60 }
        if text == "midnight" { return 0 }
        var offset = 0
        if text.hasSuffix("am") || text.hasSuffix("pm") {
            offset = text.hasSuffix("pm") ? 12 * 60 : 0
            text.removeLast(2)
            let parts = text.split(separator: ":").compactMap { Int($0) }
            guard (1...2).contains(parts.count), (1...12).contains(parts[0]) else { return nil }
            let minute = parts.count == 2 ? parts[1] : 0
            guard (0..<60).contains(minute) else { return nil }
            return (parts[0] % 12) * 60 + minute + offset
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).compactMap { Int($0) }
        guard parts.count == 2, (0..<24).contains(parts[0]), (0..<60).contains(parts[1]) else { return nil }
        return parts[0] * 60 + parts[1]
    }
}
