import Foundation

/// Staff shifts: who, from when to when, as datetimes or as a date with start and end times.
/// An end time before the start time is the next morning (an overnight shift).
final class ShiftRowImporter: SingleRowImporter {
    private let context: RowContext
    let newProducts: [String] = []

    init(context: RowContext) {
        self.context = context
    }

    static let selectShift = """
        SELECT ends_at, role, hourly_rate, location, break_minutes FROM shifts
        WHERE org_id = ? AND person = ? AND starts_at = ?
        """

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        let person = try row.required(row.text(.person), .person, "the person's name")
        let day = row.text(.shiftDate)
        let startsAt = try moment(row, datetime: .startsAt, time: .startTime, day: day, what: "the start")
        var endsAt = try moment(row, datetime: .endsAt, time: .endTime, day: day, what: "the end")
        if endsAt <= startsAt {
            // Times read with the row's date: an end before the start is the next morning.
            guard day != nil else {
                throw row.problem(row.map[.endsAt] != nil ? .endsAt : .endTime, nil, "is not after the start")
            }
            endsAt = context.org.calendar.calendar.date(byAdding: .day, value: 1, to: endsAt) ?? endsAt
        }
        guard endsAt.timeIntervalSince(startsAt) <= 24 * 3600 else {
            throw row.problem(row.map[.endsAt] != nil ? .endsAt : .endTime, nil, "makes a shift longer than 24 hours")
        }
        let breakMinutes = try Self.breakMinutes(row)
        guard breakMinutes >= 0, Double(breakMinutes) * 60 < endsAt.timeIntervalSince(startsAt) else {
            throw row.problem(.breakMinutes, row.text(.breakMinutes), "is not a break shorter than the shift (minutes)")
        }
        let shift = Shift(
            person: person, startsAt: startsAt, endsAt: endsAt, role: row.text(.role) ?? "",
            hourlyRate: try row.money(.hourlyRate, digits: context.digits), location: row.label(.location) ?? "",
            breakMinutes: breakMinutes)
        let before = try context.store.database.queryFirst(
            Self.selectShift,
            [.integer(context.org.id), .text(person), .integer(Int64(startsAt.timeIntervalSince1970))]
        ) {
            Shift(
                person: person, startsAt: startsAt, endsAt: Date(timeIntervalSince1970: TimeInterval($0.int64(0))),
                role: $0.string(1), hourlyRate: $0.optionalInt(2), location: $0.string(3), breakMinutes: $0.int(4))
        }
        if before == shift { return .unchanged(startsAt) }
        try context.store.upsertShift(shift, orgID: context.org.id, importID: context.importID)
        return before == nil ? .inserted(startsAt) : .updated(startsAt)
    }

    /// An unpaid break as schedule tools write it: minutes ("30", "30 min"), hours and minutes ("0:30"), or
    /// hours with a fraction ("0.5", "0.5 h").
    static func breakMinutes(_ row: ImportRow) throws -> Int {
        guard let raw = row.text(.breakMinutes) else { return 0 }
        var text = raw.lowercased().trimmingCharacters(in: .whitespaces)
        var hours = false
        for suffix in ["minutes", "mins", "min", "m"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        for suffix in ["hours", "hrs", "hr", "h"] where text.hasSuffix(suffix) {
            text = String(text.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            hours = true
            break
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
            return h * 60 + m
        }
        if let value = Double(text), value.isFinite, value >= 0, value < 24 * 60 {
            // "0.5" is half an hour; "30" thirty minutes.
            return hours || text.contains(".") ? Int((value * 60).rounded()) : Int(value.rounded())
        }
        throw row.problem(.breakMinutes, raw, "is not a break (expected minutes like 30, or 0:30)")
    }

    /// A start or an end: a date and time in its own cell, or a time ("09:00") read with the row's date.
    private func moment(
        _ row: ImportRow, datetime: ColumnMap.Field, time: ColumnMap.Field, day: String?, what: String
    ) throws -> Date {
        let field = row.text(time) != nil ? time : datetime
        guard let text = row.text(field) else { throw row.problem(datetime, nil, "is empty; \(what) is needed") }
        if let full = context.dates.parse(text) { return full }
        if let day, let date = context.dates.parse(date: day, time: text) { return date }
        throw row.problem(
            field, text,
            day == nil
                ? "is not a date and time (expected e.g. 2024-03-05 09:00)"
                : "is not a time (expected e.g. 17:30)")
    }
}
