import Foundation
import OpsCore

/// The Events API over HTTP, for a host with a public URL: `/slack/events`, `/slack/interactivity` and
/// `/slack/commands` on the bot's HTTP server. Every request is verified with the signing secret before anything
/// in it is read; `url_verification` gets its challenge back; an event, a button press or a command is kept in the
/// transport's inbox and answered 200 at once (well within Slack's 3 s), its handling queued. A retry
/// (`X-Slack-Retry-Num`) or a replay of something already kept is answered 200 and not handled again; what
/// cannot be kept is answered 503, so Slack sends it again.
public struct SlackEventsEndpoint: Sendable {
    public static let paths: Set<String> = ["/slack/events", "/slack/interactivity", "/slack/commands"]

    let signature: SlackSignature
    let inbox: SlackInboxWriter
    let logger: Logger
    let now: @Sendable () -> Date

    /// `databasePath`: the shop's database, which the endpoint writes the inbox of on its own connection, from the
    /// HTTP server's thread — never waiting for the cooperative pool, which a long import can hold for seconds.
    public init(
        signature: SlackSignature, transport: SlackTransport, databasePath: String, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.signature = signature
        self.inbox = try SlackInboxWriter(databasePath: databasePath, transport: transport)
        self.logger = logger
        self.now = now
    }

    /// The answer to a request on one of `paths`; nil for any other path.
    public func respond(to request: HTTPServer.Request) -> HTTPServer.Response? {
        guard Self.paths.contains(request.path) else { return nil }
        guard request.method == "POST" else { return .text("POST only", status: 405) }
        do {
            try signature.verify(headers: request.headers, body: request.body, now: now())
        } catch {
            logger.warning("slack.refused_request", ["path": request.path, "error": "\(error)"])
            return .text("refused: \(error)", status: 401)
        }
        // Unique to this request among Slack's: the key of what carries no id of its own.
        let fallback = request.headers["x-slack-signature"] ?? ""
        let inbound: SlackInbound
        switch Self.read(path: request.path, body: request.body) {
        case .challenge(let challenge): return .json(Self.json(.object(["challenge": .string(challenge)])))
        case .heard(let type):
            // app_rate_limited and anything new: heard, nothing to do.
            logger.info("slack.callback", ["type": type])
            return .text("")
        case .malformed(let problem): return .text(problem, status: 400)
        case .work(let work): inbound = work
        }
        do {
            let kept = try inbox.keep(inbound, fallbackKey: fallback)
            if !kept, let retry = request.headers["x-slack-retry-num"] {
                logger.info("slack.retry", ["retry": retry, "reason": request.headers["x-slack-retry-reason"] ?? ""])
            }
            return .text("")
        } catch {
            logger.error("slack.keep_failed", ["path": request.path, "error": "\(error)"])
            return .text("try again", status: 503)
        }
    }

    /// What a verified request's body asks.
    public enum Reading: Equatable {
        case challenge(String)
        case work(SlackInbound)
        case heard(type: String)
        case malformed(String)
    }

    public static func read(path: String, body: [UInt8]) -> Reading {
        switch path {
        case "/slack/events":
            guard let json = try? JSONValue(parsing: body) else { return .malformed("not JSON") }
            switch json["type"]?.string {
            case "url_verification": return .challenge(json["challenge"]?.string ?? "")
            case "event_callback":
                guard let id = json["event_id"]?.string, let event = json["event"], case .object = event else {
                    return .malformed("no event")
                }
                return .work(.event(id: id, event))
            default: return .heard(type: json["type"]?.string ?? "?")
            }
        case "/slack/interactivity":
            guard let text = HTTPRequestParser.formFields(body)["payload"],
                let payload = try? JSONValue(parsing: Array(text.utf8)), case .object = payload
            else { return .malformed("no payload") }
            return .work(.interactive(payload))
        default:
            let fields = HTTPRequestParser.formFields(body)
            guard fields["user_id"] != nil, fields["channel_id"] != nil else { return .malformed("no command") }
            return .work(.command(.object(fields.mapValues { .string($0) })))
        }
    }

    static func json(_ value: JSONValue) -> String { value.jsonText }
}

/// The Events URL's own connection to the shop's database: what Slack sends is kept in the transport's inbox from
/// the HTTP server's threads, one at a time, and the transport's handler is woken.
final class SlackInboxWriter: @unchecked Sendable {
    // Unchecked: `store` is used only under `lock`.
    private let store: Store
    private let lock = NSLock()
    private let transport: String
    private let bell: SlackInboxBell

    init(databasePath: String, transport: SlackTransport) throws {
        store = try Store(path: databasePath)
        self.transport = transport.name
        bell = transport.bell
    }

    /// False for a repeat (a retry, a replay), which is not handled again.
    func keep(_ inbound: SlackInbound, fallbackKey: String) throws -> Bool {
        let kept = try lock.withLock {
            try store.keepInbound(
                transport: transport, key: inbound.key(fallback: fallbackKey), kind: inbound.kind,
                payload: inbound.stored)
        }
        if kept { bell.ring() }
        return kept
    }
}
