import Foundation

/// A five-field cron expression ("minute hour day-of-month month day-of-week") in a time zone:
/// `*`, numbers, ranges `1-5`, lists `1,15`, steps `*/15` and `8-18/2`, month and weekday names
/// (`jan`, `mon`), and 7 for Sunday. As in Vixie cron, when both day fields are restricted a day
/// matching either one runs.
///
/// Daylight saving: a time that does not exist that day (skipped by the clocks going forward) runs at the
/// moment the clocks jump; a time that happens twice (clocks going back) runs once, the first time.
public struct CronExpression: Sendable, Equatable, CustomStringConvertible {
    public let description: String
    let minutes: [Int]
    let hours: [Int]
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    let daysRestricted: Bool
    let weekdaysRestricted: Bool

    public init(_ text: String) throws(CronError) {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        guard fields.count == 5 else {
            throw CronError(
                expression: text, problem: "it needs five fields (minute hour day month weekday), not \(fields.count)")
        }
        description = fields.joined(separator: " ")
        minutes = try Self.field(fields[0], 0...59, names: [:], name: "minute", in: text).sorted()
        hours = try Self.field(fields[1], 0...23, names: [:], name: "hour", in: text).sorted()
        days = try Self.field(fields[2], 1...31, names: [:], name: "day of month", in: text)
        months = try Self.field(fields[3], 1...12, names: Self.monthNames, name: "month", in: text)
        // 7 is Sunday too.
        weekdays = Set(
            try Self.field(fields[4], 0...7, names: Self.weekdayNames, name: "weekday", in: text).map { $0 % 7 })
        daysRestricted = fields[2] != "*" && !fields[2].hasPrefix("*/")
        weekdaysRestricted = fields[4] != "*" && !fields[4].hasPrefix("*/")
    }

    static let monthNames = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
        "dec": 12,
    ]
    static let weekdayNames = ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]

    private static func field(
        _ text: String, _ range: ClosedRange<Int>, names: [String: Int], name: String, in expression: String
    ) throws(CronError) -> Set<Int> {
        func value(_ token: Substring) throws(CronError) -> Int {
            if let number = Int(token), range.contains(number) { return number }
            if let number = names[String(token)] { return number }
            throw CronError(
                expression: expression,
                problem: "“\(token)” is not a valid \(name) (\(range.lowerBound)–\(range.upperBound))")
        }
        var values: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, let spanText = pieces.first, !spanText.isEmpty else {
                throw CronError(expression: expression, problem: "“\(part)” is not a \(name) list item")
            }
            var step = 1
            if pieces.count == 2 {
                guard let number = Int(pieces[1]), number > 0 else {
                    throw CronError(
                        expression: expression, problem: "“\(pieces[1])” is not a step (a whole number above 0)")
                }
                step = number
            }
            var low = range.lowerBound, high = range.upperBound
            if spanText != "*" {
                let bounds = spanText.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else {
                    throw CronError(expression: expression, problem: "“\(spanText)” is not a \(name) range")
                }
                low = try value(bounds[0])
                high = bounds.count == 2 ? try value(bounds[1]) : (pieces.count == 2 ? range.upperBound : low)
                guard low <= high else {
                    throw CronError(expression: expression, problem: "the \(name) range “\(spanText)” runs backwards")
                }
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    /// Whether cron would run on this local date.
    func runs(year: Int, month: Int, day: Int, weekday: Int) -> Bool {
        guard months.contains(month) else { return false }
        switch (daysRestricted, weekdaysRestricted) {
        case (true, true): return days.contains(day) || weekdays.contains(weekday)
        default: return days.contains(day) && weekdays.contains(weekday)
        }
    }

    /// The first run strictly after `date`, in `timeZone`; nil if none within 30 years ("0 0 30 2 *").
    public func nextRun(after date: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let start = calendar.dateComponents([.year, .month, .day], from: date)
        guard var civil = start.year.map({ CivilDate(year: $0, month: start.month ?? 1, day: start.day ?? 1) }) else {
            return nil
        }
        // A run on the previous local day can fall after `date` when the clocks went back; start a day early.
        civil = CivilDate(daysSince1970: civil.daysSince1970 - 1)
        for _ in 0..<(366 * 30) {
            let weekday = ((civil.daysSince1970 % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday (4).
            if runs(year: civil.year, month: civil.month, day: civil.day, weekday: weekday) {
                for hour in hours {
                    for minute in minutes {
                        if let run = Self.instant(civil, hour, minute, timeZone), run > date { return run }
                    }
                }
            }
            civil = CivilDate(daysSince1970: civil.daysSince1970 + 1)
        }
        return nil
    }

    /// The first instant the local clock reads this date and time; the end of the gap when the clocks skip it.
    static func instant(_ civil: CivilDate, _ hour: Int, _ minute: Int, _ zone: TimeZone) -> Date? {
        let local = TimeInterval(civil.daysSince1970 * 86_400 + hour * 3600 + minute * 60)
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - 86_400))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: local + 86_400))
        let candidates = Set([before, after]).map { Date(timeIntervalSince1970: local - TimeInterval($0)) }
            .filter { TimeInterval(zone.secondsFromGMT(for: $0)) == local - $0.timeIntervalSince1970 }
        if let first = candidates.min() { return first }
        // Skipped: run when the clocks jump, which is the transition after the earlier offset's reading.
        return zone.nextDaylightSavingTimeTransition(
            after: Date(timeIntervalSince1970: local - TimeInterval(before) - 7200))
    }
}

public struct CronError: Error, CustomStringConvertible, Equatable {
    public let expression: String
    public let problem: String
    public var description: String { "The schedule “\(expression)” is not valid: \(problem)." }
}
