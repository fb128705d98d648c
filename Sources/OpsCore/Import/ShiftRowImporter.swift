import Foundation

/// Staff shifts: who, from when to when, as datetimes or as a date with start and end times.
/// An end time before the start time is the next morning (an overnight shift).
final class ShiftRowImporter: RowImporter {
    private let context: RowContext
    let newProducts: [String] = []

    init(context: RowContext) {
        self.context = context
    }

    static let selectShift = """
        SELECT ends_at, role, hourly_rate, location FROM shifts WHERE org_id = ? AND person = ? AND starts_at = ?
        """

    func importRow(_ row: ImportRow) throws -> RowOutcome {
        let person = try row.required(row.text(.person), .person, "the person's name")
        let startsAt: Date
        var endsAt: Date
        if row.map[.startsAt] != nil, row.text(.startsAt).map(looksLikeDate) ?? false {
            startsAt = try row.required(try context.date(row, .startsAt), .startsAt, "the start")
        } else {
            let dateField: ColumnMap.Field = row.map[.shiftDate] != nil ? .shiftDate : .startsAt
            startsAt = try row.required(
                try context.date(row, dateField, time: row.map[.startTime] != nil ? .startTime : .startsAt),
                .shiftDate, "the shift's date")
        }
        if row.map[.endsAt] != nil, row.text(.endsAt).map(looksLikeDate) ?? false {
            endsAt = try row.required(try context.date(row, .endsAt), .endsAt, "the end")
            guard endsAt > startsAt else { throw row.problem(.endsAt, row.text(.endsAt), "is not after the start") }
        } else {
            let dateField: ColumnMap.Field = row.map[.shiftDate] != nil ? .shiftDate : .startsAt
            let endField: ColumnMap.Field = row.map[.endTime] != nil ? .endTime : .endsAt
            guard let dateText = row.text(dateField)?.split(separator: " ").first.map(String.init),
                let endText = row.text(endField), let end = context.dates.parse(date: dateText, time: endText)
            else { throw row.problem(endField, row.text(endField), "is not a time (expected e.g. 17:30)") }
            endsAt = end
            if endsAt <= startsAt { endsAt = context.org.calendar.calendar.date(byAdding: .day, value: 1, to: endsAt) ?? endsAt }
        }
        guard endsAt.timeIntervalSince(startsAt) <= 24 * 3600 else {
            throw row.problem(row.map[.endsAt] != nil ? .endsAt : .endTime, nil, "makes a shift longer than 24 hours")
        }
        let shift = Shift(
            person: person, startsAt: startsAt, endsAt: endsAt, role: row.text(.role) ?? "",
            hourlyRate: try row.money(.hourlyRate, digits: context.digits), location: row.text(.location) ?? "")
        let before = try context.store.database.queryFirst(
            Self.selectShift,
            [.integer(context.org.id), .text(person), .integer(Int64(startsAt.timeIntervalSince1970))]
        ) { Shift(person: person, startsAt: startsAt, endsAt: Date(timeIntervalSince1970: TimeInterval($0.int64(0))),
                  role: $0.string(1), hourlyRate: $0.optionalInt(2), location: $0.string(3)) }
        if before == shift { return .unchanged(startsAt) }
        try context.store.upsertShift(shift, orgID: context.org.id, importID: context.importID)
        return before == nil ? .inserted(startsAt) : .updated(startsAt)
    }

    /// "2024-03-05 09:00" or "05/03/2024" rather than a bare "09:00".
    private func looksLikeDate(_ text: String) -> Bool {
        text.contains("-") || text.contains("/") || text.contains(".") && text.count > 6
    }
}
