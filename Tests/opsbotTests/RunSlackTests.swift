import Foundation
import OpsCore
import OpsNetwork
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

/// Issue 27: `opsbot run` with Slack, as a user starts it: alone (a shop only on Slack) and beside Telegram on
/// one database, events coming to the Events URL on the bot's HTTP server, signed as Slack signs them.
@Suite(.timeLimit(.minutes(3))) struct RunSlackTests {
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"

    final class Posted: Sendable {
        let messages = Mutex<[JSONValue]>([])
        var texts: [String] { messages.withLock { $0.map { $0["text"]?.string ?? "" } } }
    }

    static func webAPI(_ posted: Posted) throws -> HTTPServer {
        try HTTPServer { request in
            switch request.path {
            case "/api/auth.test": return .json(#"{"ok":true,"user_id":"UBOT"}"#)
            case "/api/users.info": return .json(#"{"ok":true,"user":{"id":"U1","profile":{"real_name":"Olive"}}}"#)
            case "/api/chat.postMessage":
                posted.messages.withLock { $0.append((try? JSONValue(parsing: request.body)) ?? .null) }
                return .json(#"{"ok":true,"ts":"1.\#(posted.messages.withLock { $0.count })"}"#)
            default: return .json(#"{"ok":false,"error":"unknown_method"}"#)
            }
        }
    }

    /// A DM from U1 to the bot's Events URL at `port`.
    static func dm(_ text: String, id: Int, port: Int) async throws -> Int {
        let body = Array(
            #"{"token":"T","type":"event_callback","event_id":"Ev\#(id)","event":{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"\#(text)","ts":"\#(id).0"}}"#
                .utf8)
        let timestamp = String(Int(Date().timeIntervalSince1970))
        var request = HTTPRequest(
            method: "POST", url: "http://127.0.0.1:\(port)/slack/events",
            body: .bytes(body, contentType: "application/json"))
        request.headers += [
            ("X-Slack-Request-Timestamp", timestamp),
            ("X-Slack-Signature", SlackSignature.signature(secret: secret, timestamp: timestamp, body: body)),
        ]
        return try await CurlHTTPClient().send(request).status
    }

    func waitFor(_ seconds: Double = 60, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while try !condition(), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Starts `opsbot run` with Slack (and Telegram when `telegram` is given); its log, its HTTP port.
    func start(
        in directory: TemporaryDirectory, slack: HTTPServer, telegram: BotAPIFake?
    ) async throws -> (Process, () -> String, Int) {
        try Data(#"{"http": {"listen": "127.0.0.1:0"}}"#.utf8).write(
            to: URL(fileURLWithPath: directory.file("bot.json")))
        var environment = [
            "OPSBOT_DB": directory.file("bot.sqlite"), "SLACK_BOT_TOKEN": "xoxb-SECRET-1",
            "SLACK_SIGNING_SECRET": Self.secret, "SLACK_API_URL": "http://127.0.0.1:\(slack.port)/api",
            "TELEGRAM_BOT_TOKEN": "", "SLACK_APP_TOKEN": "",
        ]
        if let telegram {
            environment["TELEGRAM_BOT_TOKEN"] = "42:SECRET"
            environment["TELEGRAM_API_URL"] = telegram.baseURL
        }
        let process = try CLITests.launch(
            ["run", "--config", directory.file("bot.json")], environment: environment, stderr: directory.file("log.txt")
        )
        let log = { (try? String(contentsOfFile: directory.file("log.txt"), encoding: .utf8)) ?? "" }
        try await waitFor { log().contains("event=run.start") }
        let line = log().split(separator: "\n").first { $0.contains("event=run.start") } ?? ""
        let listen = line.split(separator: " ").first { $0.hasPrefix("http.listen=") }?.split(separator: ":").last
        return (process, log, Int(listen ?? "") ?? 0)
    }

    @Test func aShopOnlyOnSlackIsSetUpAndAnsweredOverTheEventsURL() async throws {
        let posted = Posted()
        let slack = try Self.webAPI(posted)
        defer { slack.stop() }
        let directory = TemporaryDirectory()
        let (process, log, port) = try await start(in: directory, slack: slack, telegram: nil)
        #expect(port > 0, "\(log())")
        let setup = try #require(log().split(separator: "\n").first { $0.contains("event=run.setup") }, "\(log())")
        let code = try #require(setup.split(separator: " ").first { $0.hasPrefix("code=") }?.dropFirst(5))
        #expect(try await Self.dm("join \(code)", id: 1, port: port) == 200)
        #expect(try await Self.dm("sales today", id: 2, port: port) == 200)
        try await waitFor { posted.texts.count >= 2 }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let texts = posted.texts
        #expect(process.terminationStatus == 0, "\(log())")
        #expect(texts.first?.contains("Welcome to") == true, "\(texts)")
        #expect(texts.last?.hasPrefix("Sales today") == true, "\(texts)")
        #expect(log().contains("event=run.slack") && log().contains("mode=events"))
        #expect(!log().contains("SECRET") && !log().contains(Self.secret))
        let store = try Store(path: directory.file("bot.sqlite"))
        #expect(try store.member(transport: "slack", userKey: "U1")?.role == .owner)
    }

    @Test func telegramAndSlackRunTogetherOnOneDatabase() async throws {
        let posted = Posted()
        let slack = try Self.webAPI(posted)
        defer { slack.stop() }
        let telegram = try BotAPIFake()
        telegram.post(id: 41, text: "help")
        let directory = TemporaryDirectory()
        let (process, log, port) = try await start(in: directory, slack: slack, telegram: telegram)
        #expect(try await Self.dm("help", id: 1, port: port) == 200)
        try await waitFor { posted.texts.count >= 1 && !telegram.sentTexts.isEmpty }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log())")
        // Both strangers are told the shop has no owner yet, each on their own platform.
        #expect(telegram.sentTexts.first?.contains("has no owner yet") == true)
        #expect(posted.texts.first?.contains("has no owner yet") == true, "\(posted.texts)")
        #expect(posted.texts.first?.contains("/opsbot join") == true, "\(posted.texts)")
        let store = try Store(path: directory.file("bot.sqlite"))
        #expect(try store.transportState(transport: "telegram", key: "offset") == "42")
        #expect(try store.nextInbound(transport: "slack") == nil)
    }
}
