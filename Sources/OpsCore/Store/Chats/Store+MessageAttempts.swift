import Foundation

/// The message a transport is handling, kept durably with a count of attempts: a message that ends the process
/// while it is handled (a bug, an input nobody foresaw) is not handled a third time after the restarts, so one
/// message cannot keep the bot down. Stored in `transport_state` under `in_flight` as "KEY ATTEMPTS".
extension Store {
    static let inFlightKey = "in_flight"
    static let deleteTransportState = "DELETE FROM transport_state WHERE transport = ? AND key = ?"

    /// Records that `messageKey` is being handled and returns the attempt this is: 1 the first time, 2 after the
    /// process died once while handling it, and so on.
    public func beginHandling(transport: String, messageKey: String, now: Date = Date()) throws -> Int {
        try write {
            var attempt = 1
            if let stored = try transportState(transport: transport, key: Self.inFlightKey) {
                let parts = stored.split(separator: " ")
                if parts.count == 2, parts[0] == messageKey, let earlier = Int(parts[1]), earlier < 1_000 {
                    attempt = earlier + 1
                }
            }
            try setTransportState(
                transport: transport, key: Self.inFlightKey, value: "\(messageKey) \(attempt)", now: now)
            return attempt
        }
    }

    /// The handling ended (whatever it answered); with `state`, that transport state (its offset) is stored in the
    /// same transaction, so the two never disagree after a crash.
    public func endHandling(transport: String, state: (key: String, value: String)? = nil, now: Date = Date()) throws {
        try write {
            try database.execute(Self.deleteTransportState, [.text(transport), .text(Self.inFlightKey)])
            if let state { try setTransportState(transport: transport, key: state.key, value: state.value, now: now) }
        }
    }
}
