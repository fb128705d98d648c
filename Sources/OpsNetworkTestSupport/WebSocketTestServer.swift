import Foundation
import OpsNetwork
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback WebSocket server for tests (plain `ws://`): it answers the upgrade with the RFC's accept proof,
/// then runs `script` on each connection, which sends server frames (unmasked) and reads the client's (masked,
/// as a client must; an unmasked client frame fails the read).
public final class WebSocketTestServer: @unchecked Sendable {
    // Unchecked: the listener is only closed by `stop`, the accept thread only reads it.
    public final class Connection: @unchecked Sendable {
        // Unchecked: one script thread uses it.
        let fd: Int32
        var buffer: [UInt8] = []
        /// The request's path and headers (lower-case names).
        public let path: String
        public let headers: [String: String]

        init(fd: Int32, path: String, headers: [String: String], rest: [UInt8]) {
            self.fd = fd
            self.path = path
            self.headers = headers
            self.buffer = rest
        }

        public func send(_ frame: WebSocketFrame) {
            let bytes = frame.encoded(mask: nil)
            _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
        }

        public func send(text: String) { send(WebSocketFrame(opcode: .text, payload: Array(text.utf8))) }

        /// Closes the socket without a close frame: the network dropped it.
        public func drop() { shutdown(fd, Int32(SHUT_RDWR)) }

        /// The next client frame, unmasked; nil when the client closed or sent no frame in 5 s, or did not mask.
        public func receive() -> WebSocketFrame? {
            while true {
                if let frame = parse() { return frame }
                var chunk = [UInt8](repeating: 0, count: 65_536)
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65_536, 0) }
                guard count > 0 else { return nil }
                buffer += chunk.prefix(count)
            }
        }

        private func parse() -> WebSocketFrame? {
            guard buffer.count >= 2, buffer[1] & 0x80 != 0 else { return nil }
            var length = Int(buffer[1] & 0x7F)
            var header = 2
            if length == 126 {
                guard buffer.count >= 4 else { return nil }
                length = Int(buffer[2]) << 8 | Int(buffer[3])
                header = 4
            } else if length == 127 {
                guard buffer.count >= 10 else { return nil }
                length = (2..<10).reduce(0) { $0 << 8 | Int(buffer[$1]) }
                header = 10
            }
            guard buffer.count >= header + 4 + length else { return nil }
            let mask = Array(buffer[header..<(header + 4)])
            let payload = buffer[(header + 4)..<(header + 4 + length)].enumerated().map { $1 ^ mask[$0 & 3] }
            let opcode = WebSocketFrame.Opcode(rawValue: buffer[0] & 0x0F) ?? .binary
            let fin = buffer[0] & 0x80 != 0
            buffer.removeFirst(header + 4 + length)
            return WebSocketFrame(fin: fin, opcode: opcode, payload: payload)
        }
    }

    public let port: Int
    private let listener: Int32
    public var url: String { "ws://127.0.0.1:\(port)" }

    public init(script: @escaping @Sendable (Connection) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                guard client >= 0 else { return }
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                Thread {
                    defer { close(client) }
                    guard let connection = Self.upgrade(client) else { return }
                    script(connection)
                }.start()
            }
        }
        thread.start()
    }

    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    static func upgrade(_ fd: Int32) -> Connection? {
        var bytes: [UInt8] = []
        let end: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil, bytes.count < 16_384 {
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            guard count > 0 else { return nil }
            bytes += chunk.prefix(count)
            if bytes.count >= 4 { headerEnd = (0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == end } }
        }
        guard let headerEnd else { return nil }
        let lines = String(decoding: bytes[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        guard let key = headers["sec-websocket-key"] else { return nil }
        let answer =
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: \(WebSocketHandshake.accept(forKey: key))\r\n\r\n"
        let out = Array(answer.utf8)
        _ = out.withUnsafeBytes { send(fd, $0.baseAddress, out.count, Int32(MSG_NOSIGNAL)) }
        return Connection(fd: fd, path: path, headers: headers, rest: Array(bytes[(headerEnd + 4)...]))
    }
}
