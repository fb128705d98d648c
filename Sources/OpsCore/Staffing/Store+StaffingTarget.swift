extension Store {
    static let selectStaffingTarget = "SELECT splh, labour_percent FROM staffing_targets WHERE org_id = ?"
    static let upsertStaffingTarget = """
        INSERT INTO staffing_targets (org_id, splh, labour_percent) VALUES (?, ?, ?)
        ON CONFLICT (org_id) DO UPDATE SET splh = excluded.splh, labour_percent = excluded.labour_percent
        """

    public func staffingTarget(orgID: Int64) throws -> StaffingTarget? {
        try database.queryFirst(Self.selectStaffingTarget, [.integer(orgID)]) { row -> StaffingTarget? in
            if let splh = row.optionalInt(0) { return .splh(splh) }
            return row.isNull(1) ? nil : .labourPercent(row.double(1))
        } ?? nil
    }

    /// Sets the target (nil: back to the shop's own sales per labour hour).
    public func setStaffingTarget(_ target: StaffingTarget?, orgID: Int64) throws {
        var splh = SQLValue.null
        var percent = SQLValue.null
        switch target {
        case .splh(let value): splh = .integer(Int64(value))
        case .labourPercent(let value): percent = .real(value)
        case nil: break
        }
        try database.execute(Self.upsertStaffingTarget, [.integer(orgID), splh, percent])
    }
}
