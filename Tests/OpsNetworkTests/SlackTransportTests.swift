import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// Issue 27: the transport over Socket Mode against a loopback Slack (a WebSocket speaking the envelopes and
/// the Web API): every envelope acknowledged, each message answered once and in order, across a `disconnect`.
@Suite(.timeLimit(.minutes(1))) struct SlackTransportTests {
    let directory = TemporaryDirectory()

    final class Slack: Sendable {
        let posted = Mutex<[JSONValue]>([])
        let acks = Mutex<[String]>([])
        let connections = Mutex(0)
        let port = Mutex(0)
    }

    /// The transport under test against the loopback Web API `web`: quick reconnects, no pacing, no log.
    static func transport(web: HTTPServer, service: ConversationService) -> SlackTransport {
        var options = SlackTransport.Options()
        options.backoff = Backoff(base: 0.05, maximum: 0.1)
        options.logger = Logger(label: "slack", sink: NullLogSink())
        return SlackTransport(
            api: SlackAPI(
                baseURL: "http://127.0.0.1:\(web.port)/api", botToken: "xoxb-1", appToken: "xapp-1",
                http: ConnectorHTTP(client: CurlHTTPClient()), pacer: SlackPacer(interval: 0)),
            service: service, options: options)
    }

    /// Slack's Web API as these tests need it: who the bot is, the Socket Mode URL, and every message posted
    /// recorded; `other` answers any other path.
    static func webAPI(
        _ slack: Slack, socket: WebSocketTestServer,
        other: @escaping @Sendable (HTTPServer.Request) -> HTTPServer.Response? = { _ in nil }
    ) throws -> HTTPServer {
        try HTTPServer { request in
            switch request.path {
            case "/api/auth.test": return .json(#"{"ok":true,"user_id":"UBOT"}"#)
            case "/api/apps.connections.open": return .json(#"{"ok":true,"url":"\#(socket.url)/link/"}"#)
            case "/api/chat.postMessage":
                let count = slack.posted.withLock { posted in
                    posted.append((try? JSONValue(parsing: request.body)) ?? .null)
                    return posted.count
                }
                return .json(#"{"ok":true,"channel":"D1","ts":"9.\#(count)"}"#)
            default: return other(request) ?? .json(#"{"ok":false,"error":"unknown_method"}"#)
            }
        }
    }

    static func event(_ id: Int, channel: String, text: String, ts: String, type: String = "message") -> String {
        #"{"envelope_id":"env\#(id)","type":"events_api","accepts_response_payload":false,"payload":{"type":"event_callback","event_id":"Ev\#(id)","event":{"type":"\#(type)","channel":"\#(channel)","user":"U1","text":"\#(text)","ts":"\#(ts)","channel_type":"\#(channel.hasPrefix("D") ? "im" : "channel")"}}}"#
    }

    @Test func messagesAreAnsweredOnceInOrderAcrossADisconnect() async throws {
        let slack = Slack()
        let socket = try WebSocketTestServer { connection in
            let number = slack.connections.withLock { value in
                value += 1
                return value
            }
            connection.send(text: #"{"type":"hello","num_connections":1}"#)
            if number == 1 {
                connection.send(text: Self.event(1, channel: "D1", text: "help", ts: "1.1"))
                connection.send(text: Self.event(2, channel: "D1", text: "sales today", ts: "1.2"))
                // The same message again (a retry), then a mention in a channel and its message twin.
                connection.send(text: Self.event(3, channel: "D1", text: "sales today", ts: "1.2"))
                connection.send(
                    text: Self.event(4, channel: "C1", text: "<@UBOT> stock low?", ts: "2.1", type: "app_mention"))
                connection.send(text: Self.event(5, channel: "C1", text: "<@UBOT> stock low?", ts: "2.1"))
                // Chat in the channel not for the bot: no answer.
                connection.send(text: Self.event(6, channel: "C1", text: "lunch at 1?", ts: "2.2"))
                connection.send(text: #"{"type":"disconnect","reason":"refresh_requested"}"#)
            } else {
                connection.send(text: Self.event(7, channel: "D1", text: "stock low?", ts: "1.3"))
            }
            while let frame = connection.receive() {
                if frame.opcode == .text {
                    slack.acks.withLock { $0.append(String(decoding: frame.payload, as: UTF8.self)) }
                }
            }
        }
        defer { socket.stop() }
        let web = try Self.webAPI(slack, socket: socket)
        defer { web.stop() }
        _ = try SmallShop(path: directory.file("shop.sqlite"))
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let transport = Self.transport(web: web, service: service)
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        let deadline = Date().addingTimeInterval(20)
        // Every envelope's acknowledgement, and the four replies (an acknowledgement can come after its reply).
        while slack.posted.withLock({ $0.count }) < 4 || slack.acks.withLock({ $0.count }) < 7, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        stop.raise()
        try await running.value
        let posted = slack.posted.withLock { $0 }
        // help, sales today, stock low? in the channel, stock low? after the reconnect.
        #expect(posted.map { $0["channel"]?.string ?? "" } == ["D1", "D1", "C1", "D1"], "\(posted)")
        #expect(slack.connections.withLock { $0 } == 2)
        let acks = slack.acks.withLock { $0 }
        #expect(acks.filter { $0.contains("envelope_id") }.count == 7, "\(acks)")
        #expect(posted.first?["blocks"]?.array?.isEmpty == false)
    }

    @Test func aSocketDroppedMidStreamLosesAndRepeatsNothing() async throws {
        let slack = Slack()
        let socket = try WebSocketTestServer { connection in
            let number = slack.connections.withLock { value in
                value += 1
                return value
            }
            connection.send(text: #"{"type":"hello","num_connections":1}"#)
            if number == 1 {
                connection.send(text: Self.event(1, channel: "D1", text: "help", ts: "1.1"))
                connection.send(text: Self.event(2, channel: "D1", text: "sales today", ts: "1.2"))
                for _ in 0..<2 { _ = connection.receive() }
                // The third goes out and the network drops before its acknowledgement can come back.
                connection.send(text: Self.event(3, channel: "D1", text: "stock low?", ts: "1.3"))
                connection.drop()
                return
            }
            // Slack sends again what it holds as unacknowledged (and, at worst, one it had acknowledged).
            for (id, text, ts) in [(2, "sales today", "1.2"), (3, "stock low?", "1.3"), (4, "sales yesterday", "1.4")] {
                connection.send(
                    text: Self.event(id, channel: "D1", text: text, ts: ts).replacingOccurrences(
                        of: "env\(id)", with: "env\(id)-again"))
            }
            while connection.receive() != nil {}
        }
        defer { socket.stop() }
        let web = try Self.webAPI(slack, socket: socket)
        defer { web.stop() }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let transport = Self.transport(web: web, service: service)
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        let deadline = Date().addingTimeInterval(20)
        while slack.posted.withLock({ $0.count }) < 4, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(300))
        stop.raise()
        try await running.value
        let texts = slack.posted.withLock { $0.map { $0["text"]?.string ?? "" } }
        #expect(texts.count == 4, "\(texts)")
        #expect(texts.dropFirst().first?.hasPrefix("Sales today") == true, "\(texts)")
        #expect(texts.dropFirst(2).first?.hasPrefix("Low stock") == true, "\(texts)")
        #expect(texts.last?.hasPrefix("Sales yesterday") == true, "\(texts)")
        #expect(slack.connections.withLock { $0 } == 2)
    }

    @Test func aSharedCSVIsImportedAButtonPressAndACommandAnswered() async throws {
        let slack = Slack()
        let csv = "sku,qty\nOAT-1,9\nCRO,14\n"
        let socket = try WebSocketTestServer { connection in
            let port = slack.port.withLock { $0 }
            connection.send(
                text:
                    #"{"envelope_id":"f1","type":"events_api","payload":{"event_id":"EvF","event":{"type":"message","subtype":"file_share","channel":"D1","user":"U1","text":"","ts":"5.1","channel_type":"im","files":[{"id":"F1","name":"count.csv","size":30,"url_private_download":"http://127.0.0.1:\#(port)/files/count.csv"}]}}}"#
            )
            connection.send(
                text:
                    #"{"envelope_id":"b1","type":"interactive","payload":{"type":"block_actions","user":{"id":"U1","name":"olive"},"channel":{"id":"D1"},"container":{"type":"message","message_ts":"9.1","channel_id":"D1"},"actions":[{"type":"button","action_id":"opsbot_0","value":"stock low?"}]}}"#
            )
            connection.send(
                text:
                    #"{"envelope_id":"s1","type":"slash_commands","payload":{"command":"/opsbot","text":"sales yesterday","user_id":"U1","user_name":"olive","channel_id":"C1"}}"#
            )
            while let frame = connection.receive() {
                if frame.opcode == .text {
                    slack.acks.withLock { $0.append(String(decoding: frame.payload, as: UTF8.self)) }
                }
            }
        }
        defer { socket.stop() }
        let web = try Self.webAPI(slack, socket: socket) { request in
            guard request.path == "/files/count.csv" else { return nil }
            return request.headers["authorization"] == "Bearer xoxb-1"
                ? HTTPServer.Response(status: 200, headers: [("Content-Type", "text/csv")], body: Array(csv.utf8))
                : .text("<html>login</html>")
        }
        defer { web.stop() }
        slack.port.withLock { $0 = web.port }
        let shop = try SmallShop(path: directory.file("shop.sqlite"))
        _ = try shop.store.upsertMember(
            orgID: shop.org.id, transport: "slack", userKey: "U1", name: "Olive", role: .owner)
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let transport = Self.transport(web: web, service: service)
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        let deadline = Date().addingTimeInterval(20)
        while slack.posted.withLock({ $0.count }) < 3, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        stop.raise()
        try await running.value
        let texts = slack.posted.withLock { $0.map { $0["text"]?.string ?? "" } }
        #expect(texts.count == 3, "\(texts)")
        #expect(texts.first?.contains("Imported inventory from count.csv") == true, "\(texts.first ?? "")")
        #expect(texts.dropFirst().first?.hasPrefix("Low stock") == true, "\(texts)")
        #expect(texts.last?.hasPrefix("Sales yesterday") == true, "\(texts)")
        // The count reached the shop's stock.
        #expect(try shop.store.stockQuantity(productID: shop.products["CRO"]!.id) == 14)
        #expect(slack.acks.withLock { $0.count } == 3)
    }

    @Test func aHundredMessagesFromFourPeopleInTwoChannelsAndADMGetAHundredRepliesInOrder() async throws {
        let slack = Slack()
        let chats = ["D1", "C1", "C2"]
        let sent = (0..<100).map { index in (chat: chats[index % 3], user: "U\(index % 4 + 1)", ts: "\(100 + index).5")
        }
        let socket = try WebSocketTestServer { connection in
            connection.send(text: #"{"type":"hello","num_connections":1}"#)
            for (index, message) in sent.enumerated() {
                let type = message.chat.hasPrefix("D") ? "message" : "app_mention"
                connection.send(
                    text:
                        #"{"envelope_id":"e\#(index)","type":"events_api","payload":{"event_id":"Ev\#(index)","event":{"type":"\#(type)","channel":"\#(message.chat)","user":"\#(message.user)","text":"<@UBOT> help","ts":"\#(message.ts)","channel_type":"\#(message.chat.hasPrefix("D") ? "im" : "channel")"}}}"#
                )
            }
            while connection.receive() != nil {}
        }
        defer { socket.stop() }
        let web = try Self.webAPI(slack, socket: socket)
        defer { web.stop() }
        _ = try SmallShop(path: directory.file("shop.sqlite"))
        let service = try ConversationService(databasePath: directory.file("shop.sqlite"))
        let transport = Self.transport(web: web, service: service)
        let stop = StopSignal()
        let running = Task { try await transport.run(until: stop) }
        let deadline = Date().addingTimeInterval(40)
        while slack.posted.withLock({ $0.count }) < 100, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try await Task.sleep(for: .milliseconds(200))
        stop.raise()
        try await running.value
        let posted = slack.posted.withLock { $0.map { $0["channel"]?.string ?? "" } }
        #expect(posted == sent.map(\.chat), "\(posted.count) replies")
    }
}
