import Foundation

extension Store {
    static let upsertShiftSQL = """
        INSERT INTO shifts (org_id, person, member_id, starts_at, ends_at, role, hourly_rate, location, import_id,
                            break_minutes)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (org_id, person, starts_at) DO UPDATE SET
            member_id = excluded.member_id, ends_at = excluded.ends_at, role = excluded.role,
            hourly_rate = excluded.hourly_rate, location = excluded.location, break_minutes = excluded.break_minutes
        """

    /// Saves a shift; the same person starting at the same time is the same shift.
    public func upsertShift(_ shift: Shift, orgID: Int64, memberID: Int64? = nil, importID: Int64? = nil) throws {
        try database.execute(
            Self.upsertShiftSQL,
            [
                .integer(orgID), .text(shift.person), memberID.map { .integer($0) } ?? .null,
                .integer(Int64(shift.startsAt.timeIntervalSince1970)),
                .integer(Int64(shift.endsAt.timeIntervalSince1970)),
                .text(shift.role), .optionalInt(shift.hourlyRate), .text(shift.location),
                importID.map { .integer($0) } ?? .null, .integer(Int64(shift.breakMinutes)),
            ])
    }
}
