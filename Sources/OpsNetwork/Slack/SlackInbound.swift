import Foundation

/// One piece of Slack work as the inbox keeps it, from Socket Mode and the Events URL alike: an event (a message,
/// a mention, a file share), a button press or a slash command. The verification token and response URLs Slack
/// puts in payloads are not kept.
public enum SlackInbound: Sendable, Equatable {
    case event(id: String, JSONValue)
    case interactive(JSONValue)
    case command(JSONValue)

    static let unkept: Set<String> = ["token", "response_url", "response_urls", "api_app_id"]

    /// The key a retry of the same thing shares: the event's id, an interaction's trigger id (else `fallback`, the
    /// envelope's id).
    public func key(fallback: String) -> String {
        switch self {
        case .event(let id, _): return "event:" + id
        case .interactive(let payload): return "action:" + (payload["trigger_id"]?.string ?? fallback)
        case .command(let payload): return "command:" + (payload["trigger_id"]?.string ?? fallback)
        }
    }

    public var kind: String {
        switch self {
        case .event: return "event"
        case .interactive: return "interactive"
        case .command: return "command"
        }
    }

    /// What the inbox keeps: the payload as JSON, without what must not be stored.
    public var stored: String {
        let value: JSONValue
        switch self {
        case .event(let id, let event): value = .object(["event_id": .string(id), "event": Self.redacted(event)])
        case .interactive(let payload), .command(let payload): value = Self.redacted(payload)
        }
        return value.jsonText
    }

    /// Back from the inbox; nil for what cannot be read (it is then passed over).
    public init?(kind: String, stored: String) {
        guard let value = try? JSONValue(parsing: Array(stored.utf8)), case .object = value else { return nil }
        switch kind {
        case "event":
            guard let id = value["event_id"]?.string, let event = value["event"] else { return nil }
            self = .event(id: id, event)
        case "interactive": self = .interactive(value)
        case "command": self = .command(value)
        default: return nil
        }
    }

    static func redacted(_ value: JSONValue) -> JSONValue {
        guard case .object(let object) = value else { return value }
        return .object(object.filter { !unkept.contains($0.key) })
    }
}
