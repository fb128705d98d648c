import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An SMTP server for tests on 127.0.0.1 (RFC 5321): EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, NOOP, QUIT. It offers no STARTTLS, so a client that requires TLS must refuse it.
/// Each accepted message is kept with its envelope and the credentials used.
public final class SMTPTestServer: Sendable {
    public struct Mail: Sendable {
        public let from: String
        public let recipients: [String]
        /// The message as sent (headers and body, CRLF line ends, dots unstuffed).
        public let data: String
        public let username: String?
        public let password: String?
    }

    public let port: Int
    private let listener: Int32
    private let state = Mutex<(mails: [Mail], stopped: Bool)>(([], false))
    /// Credentials that AUTH accepts; nil accepts any.
    private let credentials: (String, String)?

    public init(username: String? = nil, password: String? = nil) throws {
        credentials = username.map { ($0, password ?? "") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else {
            throw NSError(domain: "SMTPTestServer", code: Int(errno))
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    public var mails: [Mail] { state.withLock { $0.mails } }

    public func stop() {
        let wasStopped = state.withLock { value in
            defer { value.stopped = true }
            return value.stopped
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var reader = LineReader(fd: client)
        func say(_ line: String) {
            let bytes = Array((line + "\r\n").utf8)
            _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        say("220 localhost ESMTP test server")
        var from: String?
        var recipients: [String] = []
        var user: String?
        var password: String?
        while let line = reader.line() {
            let upper = line.uppercased()
            if upper.hasPrefix("EHLO") {
                say("250-localhost greets you")
                say("250-AUTH PLAIN LOGIN")
                say("250-8BITMIME")
                say("250 SIZE 10485760")
            } else if upper.hasPrefix("HELO") {
                say("250 localhost")
            } else if upper.hasPrefix("AUTH PLAIN") {
                var encoded = String(line.dropFirst(10)).trimmingCharacters(in: .whitespaces)
                if encoded.isEmpty {
                    say("334 ")
                    encoded = reader.line() ?? ""
                }
                let parts = (Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) } ?? "")
                    .split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else { say("501 malformed AUTH PLAIN"); continue }
                (user, password) = (parts[1], parts[2])
                say(
                    accepts(user!, password!)
                        ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed")
            } else if upper.hasPrefix("AUTH LOGIN") {
                say("334 VXNlcm5hbWU6")
                user = Data(base64Encoded: reader.line() ?? "").map { String(decoding: $0, as: UTF8.self) }
                say("334 UGFzc3dvcmQ6")
                password = Data(base64Encoded: reader.line() ?? "").map { String(decoding: $0, as: UTF8.self) }
                say(
                    accepts(user ?? "", password ?? "")
                        ? "235 2.7.0 Authentication successful" : "535 5.7.8 Authentication failed")
            } else if upper.hasPrefix("MAIL FROM:") {
                from = Self.path(line.dropFirst(10))
                recipients = []
                say("250 2.1.0 OK")
            } else if upper.hasPrefix("RCPT TO:") {
                guard from != nil else { say("503 5.5.1 MAIL first"); continue }
                recipients.append(Self.path(line.dropFirst(8)))
                say("250 2.1.5 OK")
            } else if upper == "DATA" {
                guard let sender = from, !recipients.isEmpty else { say("503 5.5.1 RCPT first"); continue }
                say("354 End data with <CR><LF>.<CR><LF>")
                var lines: [String] = []
                while let dataLine = reader.line(), dataLine != "." {
                    lines.append(dataLine.hasPrefix(".") ? String(dataLine.dropFirst()) : dataLine)
                }
                let mail = Mail(
                    from: sender, recipients: recipients, data: lines.joined(separator: "\r\n"),
                    username: user, password: password)
                let count = state.withLock { value in
                    value.mails.append(mail)
                    return value.mails.count
                }
                say("250 2.0.0 OK queued as \(count)")
                from = nil
                recipients = []
            } else if upper == "RSET" {
                from = nil
                recipients = []
                say("250 OK")
            } else if upper == "NOOP" {
                say("250 OK")
            } else if upper == "QUIT" {
                say("221 Bye")
                return
            } else {
                say("502 5.5.2 Command not recognised")
            }
        }
    }

    private func accepts(_ user: String, _ password: String) -> Bool {
        guard let credentials else { return true }
        return credentials.0 == user && credentials.1 == password
    }

    /// "<a@b> SIZE=12" → "a@b".
    private static func path(_ text: Substring) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let open = trimmed.firstIndex(of: "<"), let close = trimmed.firstIndex(of: ">") else { return trimmed }
        return String(trimmed[trimmed.index(after: open)..<close])
    }
}

/// CRLF-terminated lines from a socket.
private struct LineReader {
    let fd: Int32
    var buffer: [UInt8] = []

    mutating func line() -> String? {
        while true {
            if let index = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<index])
                buffer.removeSubrange(...index)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}
