import Foundation

/// Staff shifts: who, from when to when, as datetimes or as a date with start and end times.
/// An end time before the start time is the next morning (an overnight shift).
final class ShiftRowImporter: SingleRowImporter {
    private let context: RowContext
    let newProducts: [String] = []
    /// The members linked to rota names ("sam is Sam K on the rota"), read at the first row.
    private var members: [String: Int64]?

    init(context: RowContext) {
        self.context = context
    }

    static let selectShift = """
        SELECT ends_at, role, hourly_rate, location, break_minutes FROM shifts
        WHERE org_id = ? AND person = ? AND starts_at = ?
        """

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        let person = try Self.person(row)
        let day = row.text(.shiftDate)
        let endDay = row.text(.endDate)
        let startsAt = try moment(row, datetime: .startsAt, time: .startTime, day: day, what: "the start")
        var endsAt = try moment(row, datetime: .endsAt, time: .endTime, day: endDay ?? day, what: "the end")
        if endsAt <= startsAt {
            // Times read with the row's date: an end before the start is the next morning (unless the end has
            // its own date, which then says otherwise).
            guard day != nil, endDay == nil else {
                throw row.problem(row.map[.endsAt] != nil ? .endsAt : .endTime, nil, "is not after the start")
            }
            endsAt = context.org.calendar.calendar.date(byAdding: .day, value: 1, to: endsAt) ?? endsAt
        }
        guard endsAt.timeIntervalSince(startsAt) <= 24 * 3600 else {
            throw row.problem(row.map[.endsAt] != nil ? .endsAt : .endTime, nil, "makes a shift longer than 24 hours")
        }
        let breakMinutes = try Self.breakMinutes(row)
        let breakField: ColumnMap.Field = row.text(.breakMinutes) != nil ? .breakMinutes : .breakHours
        guard breakMinutes >= 0, Double(breakMinutes) * 60 < endsAt.timeIntervalSince(startsAt) else {
            throw row.problem(breakField, row.text(breakField), "is not a break shorter than the shift")
        }
        let paidHours = endsAt.timeIntervalSince(startsAt) / 3600 - Double(breakMinutes) / 60
        let shift = Shift(
            person: person, startsAt: startsAt, endsAt: endsAt, role: row.text(.role) ?? "",
            hourlyRate: try rate(row, paidHours: paidHours), location: row.label(.location) ?? "",
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
        if members == nil { members = try context.store.rotaNames(orgID: context.org.id) }
        try context.store.upsertShift(
            shift, orgID: context.org.id, memberID: members?[person.lowercased()], importID: context.importID)
        return before == nil ? .inserted(startsAt) : .updated(startsAt)
    }

    /// The person's name: one column, or a first and a last name (Deputy, 7shifts, Homebase, When I Work).
    static func person(_ row: ImportRow) throws -> String {
        if let name = row.label(.person) { return name }
        let parts = [row.label(.firstName), row.label(.lastName)].compactMap { $0 }
        guard !parts.isEmpty else {
            throw row.problem(
                row.map[.person] != nil ? .person : .firstName, nil, "is empty; the person's name is needed")
        }
        return parts.joined(separator: " ")
    }

    /// The hourly rate: the file's, or the shift's cost over its paid hours (Deputy's "Total Cost", Homebase's
    /// "Estimated Wages"); nil when neither is there.
    private func rate(_ row: ImportRow, paidHours worked: Double) throws -> Int? {
        if let rate = try row.money(.hourlyRate, digits: context.digits) { return rate }
        guard let cost = try row.money(.shiftCost, digits: context.digits) else { return nil }
        var hours = worked
        if let text = row.text(.paidHours) {
            guard let paid = Self.hours(text), paid > 0, paid <= 24 else {
                throw row.problem(.paidHours, text, "is not a number of hours (expected e.g. 7.5 or 7:30)")
            }
            hours = paid
        }
        guard hours > 0, cost >= 0 else { return nil }
        return Int((Double(cost) / hours).rounded())
    }

    /// Hours as "7.5", "7,5", "7:30" or "7:30:00".
    static func hours(_ text: String) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        if (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]), (0..<60).contains(m), h >= 0 {
            let s = parts.count == 3 ? Double(parts[2]) ?? -1 : 0
            guard (0..<60).contains(s) else { return nil }
            return Double(h) + Double(m) / 60 + s / 3600
        }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, value >= 0 else {
            return nil
        }
        return value
    }

    /// An unpaid break as schedule tools write it: minutes ("30", "30 min"), hours and minutes ("0:30",
    /// Deputy's "00:30:00"), or hours with a fraction ("0.5", "0.5 h"); in a column of hours ("Unpaid Break
    /// Hours"), a bare number is hours.
    static func breakMinutes(_ row: ImportRow) throws -> Int {
        if row.text(.breakMinutes) == nil, let raw = row.text(.breakHours) {
            guard let hours = hours(raw.lowercased().replacingOccurrences(of: "h", with: "")), hours < 24 else {
                throw row.problem(.breakHours, raw, "is not a break in hours (expected e.g. 0.5 or 0:30)")
            }
            return Int((hours * 60).rounded())
        }
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
        if (2...3).contains(parts.count), let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m), parts.count == 2 || Int(parts[2]).map({ (0..<60).contains($0) }) == true
        {
            return h * 60 + m + (parts.count == 3 && (Int(parts[2]) ?? 0) >= 30 ? 1 : 0)
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
