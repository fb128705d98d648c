import Foundation
import OpsChat
import Synchronization
import Testing

@testable import OpsNetwork

/// Issue 27: the Web API client against a loopback Slack that answers as its documentation says.
@Suite(.timeLimit(.minutes(1))) struct SlackAPITests {
    final class FakeSlack: Sendable {
        let calls = Mutex<[(path: String, headers: [String: String], body: [UInt8])]>([])
        let rateLimitFirst = Mutex(true)
        let port = Mutex(0)

        func answer(_ request: HTTPServer.Request) -> HTTPServer.Response {
            calls.withLock { $0.append((request.path, request.headers, request.body)) }
            if request.path == "/upload/F123" { return .text("OK - 4") }
            if request.path == "/files/stock.csv" {
                return HTTPServer.Response(
                    status: 200, headers: [("Content-Type", "text/csv")], body: Array("sku,qty\n".utf8))
            }
            if request.path == "/files/login" { return .text("<html>sign in</html>").withType("text/html") }
            // Socket Mode takes the app-level token, and only it.
            if request.path == "/api/apps.connections.open" {
                return request.headers["authorization"]?.hasPrefix("Bearer xapp-") == true
                    ? .json(#"{"ok":true,"url":"wss://wss.slack.test/link/?ticket=1"}"#)
                    : .json(#"{"ok":false,"error":"not_allowed_token_type"}"#)
            }
            guard request.headers["authorization"]?.hasPrefix("Bearer xox") == true else {
                return .json(#"{"ok":false,"error":"not_authed"}"#)
            }
            switch request.path {
            case "/api/chat.postMessage":
                if rateLimitFirst.withLock({ value in
                    defer { value = false }; return value
                }) {
                    return HTTPServer.Response(
                        status: 429, headers: [("Retry-After", "1"), ("Content-Type", "application/json")],
                        body: Array(#"{"ok":false,"error":"ratelimited"}"#.utf8))
                }
                let body = (try? JSONValue(parsing: request.body)) ?? .null
                if body["channel"]?.string == "CGONE" { return .json(#"{"ok":false,"error":"channel_not_found"}"#) }
                return .json(#"{"ok":true,"channel":"C1","ts":"1700000000.000100","message":{}}"#)
            case "/api/auth.test": return .json(#"{"ok":true,"user_id":"UBOT","team_id":"T1"}"#)
            case "/api/files.getUploadURLExternal":
                return .json(
                    #"{"ok":true,"upload_url":"http://127.0.0.1:\#(port.withLock { $0 })/upload/F123","file_id":"F123"}"#
                )
            case "/api/files.completeUploadExternal": return .json(#"{"ok":true,"files":[{"id":"F123"}]}"#)
            default: return .json(#"{"ok":false,"error":"unknown_method"}"#)
            }
        }
    }

    final class Waits: Sendable { let seconds = Mutex<[TimeInterval]>([]) }

    func api(_ fake: FakeSlack, waits: Waits = Waits(), appToken: String? = "xapp-1-A1-secret") -> SlackAPI {
        SlackAPI(
            baseURL: "http://127.0.0.1:\(fake.port.withLock { $0 })/api", botToken: "xoxb-test", appToken: appToken,
            http: ConnectorHTTP(
                client: CurlHTTPClient(), sleep: { seconds in waits.seconds.withLock { $0.append(seconds) } }))
    }

    func fake() throws -> (FakeSlack, HTTPServer) {
        let fake = FakeSlack()
        let server = try HTTPServer { fake.answer($0) }
        fake.port.withLock { $0 = server.port }
        return (fake, server)
    }

    @Test func aMessageIsPostedAfterA429IsWaitedOut() async throws {
        let (fake, server) = try fake()
        defer { server.stop() }
        let waits = Waits()
        let message = SlackRenderer.render(Reply(blocks: [.title("Sales today"), .text("£12.00")]))[0]
        let ts = try await api(fake, waits: waits).postMessage(channel: "C1", message: message, threadTS: "1.5")
        #expect(ts == "1700000000.000100")
        #expect(waits.seconds.withLock { $0 } == [1])
        let posted = try #require(fake.calls.withLock { $0.last })
        let body = try JSONValue(parsing: posted.body)
        #expect(body["thread_ts"]?.string == "1.5" && body["blocks"]?.array?.count == 2)
        #expect(posted.headers["content-type"] == "application/json; charset=utf-8")
    }

    @Test func slacksErrorsAreTyped() async throws {
        let (fake, server) = try fake()
        defer { server.stop() }
        fake.rateLimitFirst.withLock { $0 = false }
        let message = SlackRenderer.render(.text("hi"))[0]
        do {
            try await api(fake).postMessage(channel: "CGONE", message: message)
            Issue.record("no error")
        } catch let failure as SlackAPI.Failure {
            #expect(failure.error == "channel_not_found" && failure.chatGone && !failure.needsOwner)
        }
        let noToken = SlackAPI(
            baseURL: "http://127.0.0.1:\(server.port)/api", botToken: "bad",
            http: ConnectorHTTP(client: CurlHTTPClient()))
        await #expect(throws: SlackAPI.Failure(method: "auth.test", error: "not_authed")) {
            try await noToken.botUserID()
        }
        #expect(try await api(fake).botUserID() == "UBOT")
    }

    @Test func filesGoUpInThreeStepsAndComeDownOnlyWhenTheyAreFiles() async throws {
        let (fake, server) = try fake()
        defer { server.stop() }
        try await api(fake).uploadFile(channel: "C1", name: "chart.png", bytes: [1, 2, 3, 4])
        let paths = fake.calls.withLock { $0.map(\.path) }
        #expect(paths == ["/api/files.getUploadURLExternal", "/upload/F123", "/api/files.completeUploadExternal"])
        let first = fake.calls.withLock { $0[0] }
        #expect(String(decoding: first.body, as: UTF8.self) == "filename=chart.png&length=4")
        let complete = try JSONValue(parsing: fake.calls.withLock { $0[2].body })
        #expect(complete["channel_id"]?.string == "C1" && complete["files"]?.array?.first?["id"]?.string == "F123")
        let base = "http://127.0.0.1:\(server.port)/files/"
        #expect(try await api(fake).download(base + "stock.csv", maxBytes: 1000) == Array("sku,qty\n".utf8))
        await #expect(throws: SlackAPI.Failure(method: "download", error: "not_the_file")) {
            try await api(fake).download(base + "login", maxBytes: 1000)
        }
        #expect(try await api(fake).openConnection() == "wss://wss.slack.test/link/?ticket=1")
        let open = fake.calls.withLock { $0.last }
        #expect(open?.headers["authorization"] == "Bearer xapp-1-A1-secret")
    }
}

@Suite(.timeLimit(.minutes(1))) struct SlackChatDelivererTests {
    @Test func alertsArePostedUpdatedAndAGoneChannelIsUnreachable() async throws {
        let calls = Mutex<[(path: String, body: JSONValue)]>([])
        let server = try HTTPServer { request in
            let body = (try? JSONValue(parsing: request.body)) ?? .null
            calls.withLock { $0.append((request.path, body)) }
            if body["channel"]?.string == "CGONE" { return .json(#"{"ok":false,"error":"is_archived"}"#) }
            switch request.path {
            case "/api/chat.postMessage": return .json(#"{"ok":true,"channel":"C1","ts":"1700.1"}"#)
            case "/api/chat.update": return .json(#"{"ok":true,"ts":"1700.1"}"#)
            default: return .json(#"{"ok":false,"error":"unknown_method"}"#)
            }
        }
        defer { server.stop() }
        let deliverer = SlackChatDeliverer(
            api: SlackAPI(
                baseURL: "http://127.0.0.1:\(server.port)/api", botToken: "xoxb-1",
                http: ConnectorHTTP(client: CurlHTTPClient())))
        let alert = Reply(
            blocks: [.title("Out of stock: Croissant"), .text("none left")],
            buttons: [.init(label: "Ack", action: "ack 1")])
        #expect(await deliverer.send(alert, to: "C1", replyTo: nil) == .sent(messageKey: "1700.1", answer: "ts 1700.1"))
        #expect(
            await deliverer.send(.text("✅ #1 resolved"), to: "C1", replyTo: "1700.1")
                == .sent(messageKey: "1700.1", answer: "ts 1700.1"))
        #expect(
            await deliverer.edit("1700.1", in: "C1", to: alert)
                == .sent(messageKey: "1700.1", answer: "updated ts 1700.1"))
        let sent = calls.withLock { $0 }
        #expect(sent[1].body["thread_ts"]?.string == "1700.1")
        #expect(sent[2].path == "/api/chat.update" && sent[2].body["ts"]?.string == "1700.1")
        #expect(sent[0].body["blocks"]?.array?.last?["type"]?.string == "actions")
        guard case .unreachable = await deliverer.send(alert, to: "CGONE", replyTo: nil) else {
            Issue.record("a gone channel is unreachable")
            return
        }
    }
}

extension HTTPServer.Response {
    func withType(_ type: String) -> HTTPServer.Response {
        HTTPServer.Response(status: status, headers: [("Content-Type", type)], body: body)
    }
}
