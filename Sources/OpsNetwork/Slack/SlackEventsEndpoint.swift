import Dispatch
import Foundation
import OpsCore
import Synchronization

/// The Events API over HTTP, for a host with a public URL: `/slack/events`, `/slack/interactivity` and
/// `/slack/commands` on the bot's HTTP server. Every request is verified with the signing secret before anything
/// in it is read; `url_verification` gets its challenge back; an event, a button press or a command is kept in the
/// transport's inbox and answered 200 at once (well within Slack's 3 s), its handling queued. A retry
/// (`X-Slack-Retry-Num`) or a replay of something already kept is answered 200 and not handled again; what
/// cannot be kept is answered 503, so Slack sends it again.
public struct SlackEventsEndpoint: Sendable {
    public static let paths: Set<String> = ["/slack/events", "/slack/interactivity", "/slack/commands"]

    let signature: SlackSignature
    let keep: @Sendable (SlackInbound, String) async throws -> Bool
    let logger: Logger
    let now: @Sendable () -> Date
    /// How long a request may wait for the inbox before it is answered 503 (Slack gives up at 3 s).
    let wait: TimeInterval

    public init(
        signature: SlackSignature, transport: SlackTransport, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, wait: TimeInterval = 2.5
    ) {
        self.signature = signature
        self.keep = { try await transport.keep($0, fallbackKey: $1) }
        self.logger = logger
        self.now = now
        self.wait = wait
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
        switch blocking({ try await keep(inbound, fallback) }) {
        case .success(let kept)?:
            if !kept, let retry = request.headers["x-slack-retry-num"] {
                logger.info("slack.retry", ["retry": retry, "reason": request.headers["x-slack-retry-reason"] ?? ""])
            }
            return .text("")
        case .failure(let error)?:
            logger.error("slack.keep_failed", ["path": request.path, "error": "\(error)"])
            return .text("try again", status: 503)
        case nil:
            logger.warning("slack.keep_slow", ["path": request.path])
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

    final class Outcome<T: Sendable>: Sendable {
        let value = Mutex<Result<T, any Error>?>(nil)
    }

    /// Runs async work from the HTTP server's thread (never a cooperative one), waiting at most `wait`.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error>? {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome<T>()
        Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.value.withLock { $0 = result }
            done.signal()
        }
        guard done.wait(timeout: .now() + wait) == .success else { return nil }
        return outcome.value.withLock { $0 }
    }
}
