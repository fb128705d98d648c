import Foundation

/// A client WebSocket (RFC 6455) over `CurlStream`: the upgrade handshake with its accept proof checked, frames
/// masked on the way out, pings answered, a close answered and reported. Blocking, one thread at a time: the
/// Socket Mode transport runs it on a thread of its own, off the cooperative pool.
final class WebSocketConnection {
    private let stream: CurlStream
    private var reader: WebSocketReader
    private var pending: [WebSocketReader.Event] = []
    private var generator = SystemRandomNumberGenerator()
    private(set) var isClosed = false

    struct HandshakeFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens `url` (`wss://` or `ws://`), sending `headers` with the upgrade request.
    init(
        url: String, headers: [(String, String)] = [], timeout: Double = 10, reader: WebSocketReader = WebSocketReader()
    )
        throws
    {
        guard let parts = URLComponents(string: url), let host = parts.host,
            let scheme = parts.scheme?.lowercased(), scheme == "wss" || scheme == "ws"
        else { throw HandshakeFailed(description: "not a WebSocket URL") }
        let port = parts.port.map { ":\($0)" } ?? ""
        let path =
            (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath)
            + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        stream = try CurlStream(
            url: (scheme == "wss" ? "https://" : "http://") + host + port + "/", connectTimeout: timeout)
        self.reader = reader
        let key = WebSocketHandshake.key(using: &generator)
        var request = "GET \(path) HTTP/1.1\r\n"
        for (name, value) in WebSocketHandshake.requestHeaders(host: host + port, key: key) + headers {
            request += "\(name): \(value)\r\n"
        }
        try stream.send(Array((request + "\r\n").utf8), timeout: timeout)
        var response: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        let end: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            guard Date() < deadline, response.count < 16_384 else {
                throw HandshakeFailed(description: "no upgrade answer within \(Int(timeout)) s")
            }
            guard let bytes = try stream.receive(max: 4096, timeout: deadline.timeIntervalSinceNow) else {
                throw HandshakeFailed(description: "the server closed the connection during the handshake")
            }
            response += bytes
            if response.count >= 4 {
                headerEnd = (0...(response.count - 4)).first { Array(response[$0..<($0 + 4)]) == end }
            }
        }
        let head = String(decoding: response[..<headerEnd!], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        guard let status = lines.first, status.split(separator: " ").dropFirst().first == "101" else {
            throw HandshakeFailed(description: "the server answered “\(lines.first?.prefix(80) ?? "")”, not 101")
        }
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard WebSocketHandshake.accepts(fields, key: key) else {
            throw HandshakeFailed(description: "the server's Sec-WebSocket-Accept does not answer the key")
        }
        let rest = Array(response[(headerEnd! + 4)...])
        if !rest.isEmpty { pending += try self.reader.feed(rest) }
    }

    func send(_ frame: WebSocketFrame) throws {
        let mask = (0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try stream.send(frame.encoded(mask: mask))
    }

    func send(text: String) throws { try send(WebSocketFrame(opcode: .text, payload: Array(text.utf8))) }

    /// The next message or close, waiting at most `timeout` seconds (nil: nothing came). Pings are answered
    /// here; a close is answered and then reported.
    func next(timeout: Double) throws -> WebSocketReader.Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            while !pending.isEmpty {
                let event = pending.removeFirst()
                switch event {
                case .ping(let payload): try send(WebSocketFrame(opcode: .pong, payload: payload))
                case .pong: continue
                case .close(let code, _):
                    if !isClosed { try? send(.close(code: code ?? 1000)) }
                    isClosed = true
                    return event
                case .message: return event
                }
            }
            guard !isClosed else { return nil }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            guard let bytes = try stream.receive(timeout: min(left, 1)) else {
                isClosed = true
                return .close(code: 1006, reason: "the connection dropped")
            }
            do {
                pending += try reader.feed(bytes)
            } catch let error as WebSocketProtocolError {
                try? send(.close(code: error.code, reason: error.description))
                isClosed = true
                throw error
            }
        }
    }
}

@available(*, unavailable)
extension WebSocketConnection: Sendable {}
