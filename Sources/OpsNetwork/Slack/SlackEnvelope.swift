import Foundation

/// One Socket Mode envelope, as Slack sends it over the WebSocket: `hello`, `disconnect` (the connection is
/// about to be replaced: reconnect), or work to acknowledge with its `envelope_id` within 3 seconds.
public enum SlackEnvelope: Sendable, Equatable {
    case hello
    case disconnect(reason: String)
    /// An Events API callback: its `event_id` (the dedupe key across retries and reconnects) and `event`.
    case event(envelopeID: String, eventID: String, event: JSONValue)
    /// A button press or other interaction (`block_actions`).
    case interactive(envelopeID: String, payload: JSONValue)
    case slashCommand(envelopeID: String, payload: JSONValue)
    /// Anything else that carries an id: acknowledged, otherwise left alone.
    case other(envelopeID: String?, type: String)

    /// Nil for bytes that are not a JSON object.
    public init?(text: [UInt8]) {
        guard let value = try? JSONValue(parsing: text), case .object = value else { return nil }
        let type = value["type"]?.string ?? ""
        let id = value["envelope_id"]?.string
        switch (type, id) {
        case ("hello", _): self = .hello
        case ("disconnect", _): self = .disconnect(reason: value["reason"]?.string ?? "")
        case ("events_api", let id?):
            guard let payload = value["payload"], let event = payload["event"], case .object = event else {
                self = .other(envelopeID: id, type: type)
                return
            }
            self = .event(envelopeID: id, eventID: payload["event_id"]?.string ?? id, event: event)
        case ("interactive", let id?): self = .interactive(envelopeID: id, payload: value["payload"] ?? .null)
        case ("slash_commands", let id?): self = .slashCommand(envelopeID: id, payload: value["payload"] ?? .null)
        default: self = .other(envelopeID: id, type: type)
        }
    }

    public var envelopeID: String? {
        switch self {
        case .hello, .disconnect: return nil
        case .event(let id, _, _), .interactive(let id, _), .slashCommand(let id, _): return id
        case .other(let id, _): return id
        }
    }

    /// What acknowledges it: `{"envelope_id": "…"}`.
    public var acknowledgement: String? {
        guard let id = envelopeID,
            let data = try? JSONSerialization.data(withJSONObject: ["envelope_id": id]),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return text
    }
}
