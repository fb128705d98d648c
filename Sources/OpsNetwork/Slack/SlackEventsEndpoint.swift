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
        switch request.path {
        case "/slack/events":
            guard let body = try? JSONValue(parsing: request.body) else { return .text("not JSON", status: 400) }
            switch body["type"]?.string {
            case "url_verification":
                return .json(Self.json(.object(["challenge": .string(body["challenge"]?.string ?? "")])))
            case "event_callback":
                guard let id = body["event_id"]?.string, let event = body["event"], case .object = event else {
                    return .text("no event", status: 400)
                }
                inbound = .event(id: id, event)
            default:
                // app_rate_limited and anything new: heard, nothing to do.
                logger.info("slack.callback", ["type": body["type"]?.string ?? "?"])
                return .text("")
            }
        case "/slack/interactivity":
            guard let text = HTTPRequestParser.formFields(request.body)["payload"],
                let payload = try? JSONValue(parsing: Array(text.utf8)), case .object = payload
            else { return .text("no payload", status: 400) }
            inbound = .interactive(payload)
        default:
            let fields = HTTPRequestParser.formFields(request.body)
            guard fields["user_id"] != nil, fields["channel_id"] != nil else { return .text("no command", status: 400) }
            inbound = .command(.object(fields.mapValues { .string($0) }))
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

    static func json(_ value: JSONValue) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value.foundation, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

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
