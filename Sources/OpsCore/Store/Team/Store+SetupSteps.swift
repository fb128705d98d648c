import Foundation

extension Store {
    static let selectSetupStep = "SELECT step FROM setup_steps WHERE member_id = ?"
    static let upsertSetupStep = """
        INSERT INTO setup_steps (member_id, step, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (member_id) DO UPDATE SET step = excluded.step, updated_at = excluded.updated_at
        """
    static let deleteSetupStep = "DELETE FROM setup_steps WHERE member_id = ?"

    /// The step of the guided setup the member is on, if they are in it.
    public func setupStep(memberID: Int64) throws -> String? {
        try database.queryFirst(Self.selectSetupStep, [.integer(memberID)]) { $0.string(0) }
    }

    /// Puts the member on `step`, or takes them out of the setup (nil).
    public func setSetupStep(_ step: String?, memberID: Int64, now: Date) throws {
        guard let step else {
            try database.execute(Self.deleteSetupStep, [.integer(memberID)])
            return
        }
        try database.execute(
            Self.upsertSetupStep, [.integer(memberID), .text(step), .integer(Int64(now.timeIntervalSince1970))])
    }
}
