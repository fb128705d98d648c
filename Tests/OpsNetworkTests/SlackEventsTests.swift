import Foundation
import OpsChat
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsCore
@testable import OpsNetwork

/// Issue 27: Slack over the Events URL (signed POSTs to the bot's HTTP server), alert buttons end to end, and the
/// inbox that keeps what Slack was told arrived.
@Suite(.timeLimit(.minutes(1))) struct SlackEventsTests {
    let directory = TemporaryDirectory()
    static let secret = "8f742231b10e8888abcd99yyyzzz85a5"

    /// The Web API side of a loopback Slack: what was posted and updated.
    final class WebAPI: Sendable {
        let server: HTTPServer

        init() throws {
            let calls = Calls()
            server = try HTTPServer { request in
                let body = (try? JSONValue(parsing: request.body)) ?? .null
                switch request.path {
                case "/api/auth.test": return .json(#"{"ok":true,"user_id":"UBOT"}"#)
                case "/api/users.info":
                    return .json(#"{"ok":true,"user":{"id":"U1","name":"olive","profile":{"display_name":"Olive"}}}"#)
                case "/api/chat.postMessage":
                    let count = calls.posted.withLock { posted in
                        posted.append(body)
                        return posted.count
                    }
                    return .json(#"{"ok":true,"channel":"C1","ts":"1700.\#(count)"}"#)
                case "/api/chat.update":
                    calls.updated.withLock { $0.append(body) }
                    return .json(#"{"ok":true}"#)
                default: return .json(#"{"ok":false,"error":"unknown_method"}"#)
                }
            }
            self.calls = calls
        }

        let calls: Calls

        final class Calls: Sendable {
            let posted = Mutex<[JSONValue]>([])
            let updated = Mutex<[JSONValue]>([])
        }

        var api: SlackAPI {
            SlackAPI(
                baseURL: "http://127.0.0.1:\(server.port)/api", botToken: "xoxb-1",
                http: ConnectorHTTP(client: CurlHTTPClient()), pacer: SlackPacer(interval: 0))
        }

        func posts() -> [JSONValue] { calls.posted.withLock { $0 } }
        func updates() -> [JSONValue] { calls.updated.withLock { $0 } }
    }

    /// Posts `body` to the bot's Events URL, signed as Slack signs (or with `signature` given).
    func post(
        _ path: String, _ body: String, port: Int, at time: Date = Date(), signature: String? = nil,
        headers: [(String, String)] = [], form: Bool = false
    ) async throws -> HTTPResponse {
        let timestamp = String(Int(time.timeIntervalSince1970))
        let bytes = Array(body.utf8)
        var request = HTTPRequest(
            method: "POST", url: "http://127.0.0.1:\(port)\(path)",
            body: .bytes(bytes, contentType: form ? "application/x-www-form-urlencoded" : "application/json"))
        request.headers +=
            [
                ("X-Slack-Request-Timestamp", timestamp),
                (
                    "X-Slack-Signature",
                    signature ?? SlackSignature.signature(secret: Self.secret, timestamp: timestamp, body: bytes)
                ),
            ] + headers
        return try await CurlHTTPClient().send(request)
    }

    static func form(_ fields: [(String, String)]) -> String { String(decoding: SlackAPI.form(fields), as: UTF8.self) }

    func events(_ service: ConversationService, api: SlackAPI) throws -> (SlackTransport, HTTPServer) {
        var options = SlackTransport.Options()
        options.logger = Logger(label: "slack", sink: NullLogSink())
        let transport = SlackTransport(api: api, service: service, options: options)
        let endpoint = try SlackEventsEndpoint(
            signature: SlackSignature(secrets: [Self.secret]), transport: transport,
            databasePath: directory.file("shop.sqlite"), logger: Logger(label: "slack", sink: NullLogSink()))
        let server = try HTTPServer { request in endpoint.respond(to: request) ?? .text("not found", status: 404) }
        return (transport, server)
    }

    func waitFor(_ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(15)
        while try !condition(), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    }

    @Test func signedEventsAreAnsweredOnceAndInOrderAndForgedOrOldOnesRefused() async throws {
        let web = try WebAPI()
        defer { web.server.stop() }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let (transport, server) = try events(service, api: web.api)
        defer { server.stop() }

        let challenge = try await post(
            "/slack/events", #"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aB","type":"url_verification"}"#,
            port: server.port)
        #expect(
            challenge.status == 200 && String(decoding: challenge.body, as: UTF8.self) == #"{"challenge":"3eZbrw1aB"}"#)

        let help =
            #"{"token":"XXYYZZ","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":"Ev1","event_time":1,"event":{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"help","ts":"1.1"}}"#
        let now = Date()
        #expect(try await post("/slack/events", help, port: server.port, at: now).status == 200)
        // Slack's retry of it, and the same signed request replayed: answered, never handled again.
        #expect(
            try await post(
                "/slack/events", help, port: server.port,
                headers: [("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout")]
            ).status == 200)
        #expect(try await post("/slack/events", help, port: server.port, at: now).status == 200)
        // Forged, and signed five minutes and more ago: refused, nothing kept.
        let forged = help.replacingOccurrences(of: "help", with: "sales today").replacingOccurrences(
            of: "Ev1", with: "Ev9")
        #expect(
            try await post(
                "/slack/events", forged, port: server.port, signature: "v0=" + String(repeating: "0", count: 64)
            ).status == 401)
        #expect(
            try await post("/slack/events", forged, port: server.port, at: now.addingTimeInterval(-301)).status == 401)
        #expect(try await post("/slack/events", forged, port: server.port, signature: "").status == 401)

        let press =
            #"{"type":"block_actions","trigger_id":"13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536","token":"XXYYZZ","user":{"id":"U1","username":"olive"},"channel":{"id":"D1"},"container":{"type":"message","message_ts":"9.1","channel_id":"D1"},"response_url":"https://hooks.slack.test/actions/T1/1/x","actions":[{"type":"button","action_id":"opsbot_0","value":"stock low?"}]}"#
        #expect(
            try await post("/slack/interactivity", Self.form([("payload", press)]), port: server.port, form: true)
                .status == 200)
        let command = Self.form([
            ("token", "XXYYZZ"), ("team_id", "T1"), ("channel_id", "D1"), ("user_id", "U1"), ("user_name", "olive"),
            ("command", "/opsbot"), ("text", "sales yesterday"), ("trigger_id", "1.2.3"),
            ("response_url", "https://hooks.slack.test/commands/1/2/3"),
        ])
        #expect(try await post("/slack/commands", command, port: server.port, form: true).status == 200)
        #expect(try await post("/slack/events", help, port: server.port, at: now).status == 200)

        // Kept before the bot even runs: handled once it does, in the order they came.
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        try await waitFor { web.posts().count >= 3 }
        try await Task.sleep(for: .milliseconds(300))
        stop.raise()
        try await running.value
        let texts = web.posts().map { $0["text"]?.string ?? "" }
        #expect(texts.count == 3, "\(texts)")
        #expect(texts.first?.contains("sales today") == true, "help: \(texts.first ?? "")")
        #expect(texts.dropFirst().first?.hasPrefix("Low stock") == true, "\(texts)")
        #expect(texts.last?.hasPrefix("Sales yesterday") == true, "\(texts)")
        // Slack's verification token and response URLs are not kept.
        let kept = try shop.store.database.query("SELECT payload FROM transport_inbox", []) { $0.string(0) }
        #expect(kept.count == 3 && kept.allSatisfy { !$0.contains("XXYYZZ") && !$0.contains("hooks.slack.test") })
        // The sender's name is the one Slack gives.
        #expect(try shop.store.database.queryInt("SELECT COUNT(*) FROM chat_people WHERE name = 'Olive'") >= 1)
    }

    @Test func aButtonPressAcknowledgesAnAlertAndItsMessageIsUpdated() async throws {
        let web = try WebAPI()
        defer { web.server.stop() }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        try shop.store.recordChat(orgID: shop.org.id, transport: "slack", chatKey: "C1", kind: "group", title: "floor")
        try shop.store.setChatReceivesAlerts(true, transport: "slack", chatKey: "C1")
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        var delivery = OutboxDispatcher.Options()
        delivery.backoffBase = 0
        delivery.logger = Logger(label: "delivery", sink: NullLogSink())
        let dispatcher = OutboxDispatcher(
            service: service,
            channels: .init(chat: ["slack": SlackChatDeliverer(api: web.api)], redactor: AnswerRedactor(secrets: [])),
            options: delivery)
        try AlertEngine(store: shop.store, org: shop.org).evaluate(now: shop.now)
        #expect(await dispatcher.runOnce().sent == 1)
        let alert = try #require(web.posts().first)
        let buttons = alert["blocks"]?.array?.last?["elements"]?.array ?? []
        let oatAlert = try #require(
            try shop.store.unresolvedAlerts(orgID: shop.org.id).first { $0.subject == "Oat Milk 1L" })
        let oat = try #require(buttons.first { $0["value"]?.string == "ack \(oatAlert.id)" }, "\(buttons)")

        let (transport, server) = try events(service, api: web.api)
        defer { server.stop() }
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        let press =
            #"{"type":"block_actions","trigger_id":"7.7.7","user":{"id":"U1","username":"olive"},"channel":{"id":"C1"},"container":{"type":"message","message_ts":"1700.1","channel_id":"C1"},"message":{"ts":"1700.1"},"actions":[{"type":"button","action_id":"\#(oat["action_id"]?.string ?? "")","value":"\#(oat["value"]?.string ?? "")"}]}"#
        #expect(
            try await post("/slack/interactivity", Self.form([("payload", press)]), port: server.port, form: true)
                .status == 200)
        try await waitFor {
            try shop.store.unresolvedAlerts(orgID: shop.org.id).contains {
                $0.subject == "Oat Milk 1L" && $0.acknowledgedBy != nil
            }
        }
        stop.raise()
        try await running.value
        // The delivery loop edits the alert's own message to say so; the press posts nothing new.
        #expect(await dispatcher.runOnce().sent == 1)
        let update = try #require(web.updates().first)
        #expect(update["channel"]?.string == "C1" && update["ts"]?.string == "1700.1")
        #expect(
            update["text"]?.string?.contains("Oat Milk 1L — 4 left (alert at 12) · acknowledged") == true, "\(update)")
        #expect(web.posts().count == 1, "\(web.posts().map { $0["text"]?.string ?? "" })")
    }

    @Test func whatWasKeptButNotHandledIsHandledAtTheNextStartAndAKillerMessageOnlyOnce() async throws {
        let web = try WebAPI()
        defer { web.server.stop() }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        // Two events acknowledged before a crash: the first was being handled for the second time when it died.
        for (id, text) in [("Ev1", "help"), ("Ev2", "stock low?")] {
            let event = SlackInbound.event(
                id: id,
                try JSONValue(
                    parsing: Array(
                        #"{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":"\#(text)","ts":"\#(id).1"}"#
                            .utf8)))
            #expect(
                try shop.store.keepInbound(
                    transport: "slack", key: event.key(fallback: ""), kind: event.kind, payload: event.stored))
        }
        _ = try shop.store.beginHandling(transport: "slack", messageKey: "inbox:1")
        _ = try shop.store.beginHandling(transport: "slack", messageKey: "inbox:1")
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        var options = SlackTransport.Options()
        options.logger = Logger(label: "slack", sink: NullLogSink())
        let transport = SlackTransport(api: web.api, service: service, options: options)
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        try await waitFor { web.posts().count >= 2 }
        stop.raise()
        try await running.value
        let texts = web.posts().map { $0["text"]?.string ?? "" }
        #expect(texts.first == SlackTransport.abandonedReply && texts.count == 2, "\(texts)")
        #expect(
            texts.last?.hasPrefix("Low stock") == true || texts.last?.contains("Nothing is low") == true, "\(texts)")
        #expect(try shop.store.nextInbound(transport: "slack") == nil)
    }
}

extension SlackEventsTests {
    @Test func anInviteCodeIsRedeemedWithTheSlashCommandAndStrangersAreToldSo() async throws {
        let web = try WebAPI()
        defer { web.server.stop() }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let (transport, server) = try events(service, api: web.api)
        defer { server.stop() }
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        func command(_ user: String, _ text: String, trigger: String) async throws {
            let body = Self.form([
                ("channel_id", "D\(user)"), ("user_id", user), ("command", "/opsbot"), ("text", text),
                ("trigger_id", trigger),
            ])
            #expect(try await post("/slack/commands", body, port: server.port, form: true).status == 200)
        }
        try await command("U1", "invite staff", trigger: "t1")
        try await waitFor { web.posts().count >= 1 }
        let invite = web.posts().first?["text"]?.string ?? ""
        #expect(invite.contains("/opsbot join "), "\(invite)")
        let code = try #require(
            invite.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first {
                $0.count >= 8 && $0.uppercased() == $0 && $0.contains(where: \.isNumber)
            })
        try await command("U7", "stock low?", trigger: "t2")
        try await command("U7", "join \(code)", trigger: "t3")
        try await waitFor { web.posts().count >= 3 }
        stop.raise()
        try await running.value
        let texts = web.posts().map { $0["text"]?.string ?? "" }
        #expect(texts.dropFirst().first?.contains("then send /opsbot join with its code") == true, "\(texts)")
        #expect(texts.last?.contains("Welcome to") == true, "\(texts)")
        #expect(try shop.store.member(transport: "slack", userKey: "U7")?.role == .staff)
    }
}
