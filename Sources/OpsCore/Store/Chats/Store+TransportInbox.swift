import Foundation

/// One thing a platform handed a transport, waiting in `transport_inbox` to be handled.
public struct InboundItem: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let payload: String
}

/// The transports' inbox: an event is kept here before the platform is told it arrived, and handled from here in
/// the order it came, so an acknowledged event survives a crash and a platform's retry is kept once.
extension Store {
    static let insertInbound = """
        INSERT INTO transport_inbox (transport, event_key, kind, payload, received_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (transport, event_key) DO NOTHING
        """
    static let selectNextInbound = """
        SELECT id, kind, payload FROM transport_inbox WHERE transport = ? AND handled_at IS NULL ORDER BY id LIMIT 1
        """
    static let settleInbound = "UPDATE transport_inbox SET handled_at = ?, payload = '' WHERE transport = ? AND id = ?"
    /// Handled events are kept a week by their key, long past any platform's retries, then forgotten.
    static let pruneInbound = "DELETE FROM transport_inbox WHERE transport = ? AND handled_at < ?"

    /// Keeps `payload` under `key` (the platform's event id); false when that key was kept before (a retry, a
    /// replay), which is then not handled again.
    public func keepInbound(transport: String, key: String, kind: String, payload: String, now: Date = Date())
        throws -> Bool
    {
        try write {
            try database.execute(
                Self.insertInbound,
                [.text(transport), .text(key), .text(kind), .text(payload), .integer(Int64(now.timeIntervalSince1970))]
            )
            return database.changes == 1
        }
    }

    /// The oldest event not yet handled.
    public func nextInbound(transport: String) throws -> InboundItem? {
        try database.queryFirst(Self.selectNextInbound, [.text(transport)]) {
            InboundItem(id: $0.int64(0), kind: $0.string(1), payload: $0.string(2))
        }
    }

    /// The event is handled: marked so (its words dropped), the message in flight cleared and `state` stored, in one
    /// transaction.
    public func settleInbound(
        transport: String, id: Int64, state: (key: String, value: String)? = nil, now: Date = Date()
    ) throws {
        try write {
            let seconds = Int64(now.timeIntervalSince1970)
            try database.execute(Self.settleInbound, [.integer(seconds), .text(transport), .integer(id)])
            try database.execute(Self.pruneInbound, [.text(transport), .integer(seconds - 7 * 86_400)])
            try database.execute(Self.deleteTransportState, [.text(transport), .text(Self.inFlightKey)])
            if let state { try setTransportState(transport: transport, key: state.key, value: state.value, now: now) }
        }
    }
}
