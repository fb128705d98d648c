import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A small, strict HTTP/1.1 server on POSIX sockets: the health endpoint, later webhooks, and the loopback
/// fakes of the tests. Requests are read whole (headers up to 16 KB, bodies up to `maxBody`, Content-Length
/// only), answered with Content-Length, and connections kept alive unless the client says otherwise.
/// Each connection has a read timeout, so a silent client cannot hold a thread forever.
public final class HTTPServer: Sendable {
    public struct Request: Sendable {
        public let method: String
        /// The path without the query string.
        public let path: String
        public let query: [String: String]
        /// Header names in lower case.
        public let headers: [String: String]
        public let body: [UInt8]
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]

        public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func json(_ text: String, status: Int = 200) -> Response {
            Response(status: status, headers: [("Content-Type", "application/json")], body: Array(text.utf8))
        }

        public static func text(_ text: String, status: Int = 200) -> Response {
            Response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
        }

        /// No answer: the connection is closed as if the network dropped it (for test fakes).
        public static let dropConnection = Response(status: 0)
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let maxBody: Int
    private let readTimeout: Int
    private let stopped = Mutex(false)
    private static let connections = DispatchQueue(label: "opsbot.http-server", attributes: .concurrent)

    /// Binds `host:port` (port 0: any free port, see `port`) and starts accepting on a thread of its own.
    public init(
        host: String = "127.0.0.1", port: Int = 0, maxBody: Int = 25 * 1024 * 1024, readTimeout: Int = 10,
        handler: @escaping Handler
    ) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.socket("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw ServerError.address(host)
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.socket("bind to \(host):\(port)", code)
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.listener = fd
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.handler = handler
        self.maxBody = maxBody
        self.readTimeout = readTimeout
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "opsbot.http-accept"
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting; connections in flight finish their current request.
    public func stop() {
        let wasStopped = stopped.withLock { value in
            defer { value = true }
            return value
        }
        guard !wasStopped else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func acceptLoop() {
        while !stopped.withLock({ $0 }) {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            Self.connections.async { [self] in serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var buffer: [UInt8] = []
        while true {
            let outcome = HTTPRequestParser.read(from: client, buffer: &buffer, maxBody: maxBody)
            switch outcome {
            case .closed:
                return
            case .invalid(let status, let reason):
                write(Response.text(reason + "\n", status: status), to: client, keepAlive: false)
                return
            case .request(let request, let keepAlive):
                let response = handler(request)
                if response.status == 0 { return }
                write(response, to: client, keepAlive: keepAlive)
                if !keepAlive { return }
            }
        }
    }

    private func write(_ response: Response, to client: Int32, keepAlive: Bool) {
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        let bytes = Array(head.utf8) + response.body
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { return }
            sent += count
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 413: return "Content Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }

    public enum ServerError: Error, CustomStringConvertible {
        case socket(String, Int32)
        case address(String)

        public var description: String {
            switch self {
            case .socket(let what, let code): return "Cannot \(what): \(String(cString: strerror(code)))"
            case .address(let host): return "“\(host)” is not an IPv4 address to listen on"
            }
        }
    }
}
