import Foundation

extension Store {
    static let selectTransportState = "SELECT value FROM transport_state WHERE transport = ? AND key = ?"
    static let upsertTransportState = """
        INSERT INTO transport_state (transport, key, value, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (transport, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """

    /// A value a transport keeps across restarts (for example Telegram's update offset).
    public func transportState(transport: String, key: String) throws -> String? {
        try database.queryFirst(Self.selectTransportState, [.text(transport), .text(key)]) { $0.string(0) }
    }

    public func setTransportState(transport: String, key: String, value: String, now: Date = Date()) throws {
        try database.execute(
            Self.upsertTransportState,
            [.text(transport), .text(key), .text(value), .integer(Int64(now.timeIntervalSince1970))])
    }
}
