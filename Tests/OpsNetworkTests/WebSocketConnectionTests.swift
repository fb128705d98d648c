import Foundation
import OpsNetworkTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// Issue 27: the client WebSocket over libcurl's raw connection, against a loopback server.
@Suite(.timeLimit(.minutes(1))) struct WebSocketConnectionTests {
    final class Seen: Sendable {
        let frames = Mutex<[WebSocketFrame]>([])
        let path = Mutex<String>("")
        let authorization = Mutex<String?>(nil)
    }

    @Test func handshakeMessagesPingsAndACloseBothWays() throws {
        let seen = Seen()
        let server = try WebSocketTestServer { connection in
            seen.path.withLock { $0 = connection.path }
            seen.authorization.withLock { $0 = connection.headers["authorization"] }
            connection.send(text: #"{"type":"hello"}"#)
            connection.send(WebSocketFrame(opcode: .ping, payload: Array("p".utf8)))
            // A message in two fragments.
            connection.send(WebSocketFrame(fin: false, opcode: .text, payload: Array("{\"envelope_id\":".utf8)))
            connection.send(WebSocketFrame(opcode: .continuation, payload: Array("\"e1\"}".utf8)))
            while let frame = connection.receive() {
                seen.frames.withLock { $0.append(frame) }
                if frame.opcode == .text { connection.send(.close(code: 1001, reason: "refresh")) }
                if frame.opcode == .close { return }
            }
        }
        defer { server.stop() }
        let socket = try WebSocketConnection(
            url: server.url + "/link/?ticket=abc&app_id=A1", headers: [("Authorization", "Bearer xapp-test")])
        #expect(try socket.next(timeout: 5) == .message(opcode: .text, payload: Array(#"{"type":"hello"}"#.utf8)))
        #expect(try socket.next(timeout: 5) == .message(opcode: .text, payload: Array(#"{"envelope_id":"e1"}"#.utf8)))
        try socket.send(text: #"{"envelope_id":"e1"}"#)
        #expect(try socket.next(timeout: 5) == .close(code: 1001, reason: "refresh"))
        #expect(socket.isClosed)
        // The server saw the path, the token header, the pong to its ping, the ack and the close answered.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(seen.path.withLock { $0 } == "/link/?ticket=abc&app_id=A1")
        #expect(seen.authorization.withLock { $0 } == "Bearer xapp-test")
        let frames = seen.frames.withLock { $0 }
        #expect(frames.map(\.opcode) == [.pong, .text, .close], "\(frames)")
        #expect(frames.first?.payload == Array("p".utf8) && frames.last?.closeCode == 1001)
    }

    @Test func aDroppedConnectionIsReportedNotHung() throws {
        let server = try WebSocketTestServer { connection in
            connection.send(text: "one")
            connection.drop()
        }
        defer { server.stop() }
        let socket = try WebSocketConnection(url: server.url + "/")
        #expect(try socket.next(timeout: 5) == .message(opcode: .text, payload: Array("one".utf8)))
        #expect(try socket.next(timeout: 5) == .close(code: 1006, reason: "the connection dropped"))
    }

    @Test func aServerThatIsNotAWebSocketIsRefused() throws {
        let http = try HTTPServer { _ in .text("hello") }
        defer { http.stop() }
        #expect(throws: WebSocketConnection.HandshakeFailed.self) {
            _ = try WebSocketConnection(url: "ws://127.0.0.1:\(http.port)/", timeout: 3)
        }
    }
}
