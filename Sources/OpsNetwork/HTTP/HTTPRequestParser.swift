import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one HTTP/1.1 request, strictly: a request line of three parts, headers of `Name: value`, a body only
/// by Content-Length (chunked request bodies are refused), size limits.
///
/// Every byte comes from whoever can reach the port, so nothing here may trap: no index is taken that was not
/// checked, no number is read that could overflow, and anything unexpected is a 4xx, never a crash.
public enum HTTPRequestParser {
    public enum Outcome: Sendable {
        case request(HTTPServer.Request, keepAlive: Bool)
        /// Answer with this status and close.
        case invalid(Int, String)
        /// The client went away (or was silent past the timeout) between requests.
        case closed
    }

    /// What the bytes buffered so far hold.
    public enum Step: Sendable {
        case request(HTTPServer.Request, keepAlive: Bool)
        case invalid(Int, String)
        /// Not a whole request yet: read more and try again.
        case needMore
    }

    public static let maxHead = 16 * 1024
    /// Request lines and header values are capped well below the head's limit; so is their number.
    static let maxHeaders = 100

    /// Reads from `socket` until `buffer` holds a whole request (or the client goes or breaks the rules).
    static func read(from socket: Int32, buffer: inout [UInt8], maxBody: Int) -> Outcome {
        while true {
            switch parse(&buffer, maxBody: maxBody) {
            case .request(let request, let keepAlive): return .request(request, keepAlive: keepAlive)
            case .invalid(let status, let reason): return .invalid(status, reason)
            case .needMore:
                guard fill(&buffer, from: socket) else {
                    return buffer.isEmpty ? .closed : .invalid(400, "incomplete request")
                }
            }
        }
    }

    /// Takes one request off the front of `buffer` when it holds a whole one; leaves it untouched otherwise.
    public static func parse(_ buffer: inout [UInt8], maxBody: Int) -> Step {
        guard let headEnd = headEnd(in: buffer) else {
            return buffer.count > maxHead ? .invalid(431, "request head over 16 KB") : .needMore
        }
        if headEnd > maxHead { return .invalid(431, "request head over 16 KB") }
        let head: Head
        switch Head.parse(buffer[..<headEnd]) {
        case .success(let parsed): head = parsed
        case .failure(let failure): return .invalid(failure.status, failure.reason)
        }
        if head.headers["transfer-encoding"] != nil { return .invalid(501, "chunked request bodies are not accepted") }
        var length = 0
        if let value = head.headers["content-length"] {
            // Digits only ("+5", "0x10", " 5 5" and repeated values that differ are refused), and no overflow.
            guard let parsed = Self.contentLength(value) else { return .invalid(400, "bad Content-Length") }
            length = parsed
        }
        if length > maxBody { return .invalid(413, "body over \(maxBody) bytes") }
        let bodyStart = headEnd + 4
        guard buffer.count - bodyStart >= length else { return .needMore }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)

        let connection = head.headers["connection"]?.lowercased()
        let keepAlive = head.version == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
        let request = HTTPServer.Request(
            method: head.method, path: head.path, query: head.query, headers: head.headers, body: body)
        return .request(request, keepAlive: keepAlive)
    }

    /// An `application/x-www-form-urlencoded` body's fields, decoded as a query string is.
    static func formFields(_ body: [UInt8]) -> [String: String] {
        Head.query(Substring(String(decoding: body, as: UTF8.self)))
    }

    private struct Failure: Error {
        let status: Int
        let reason: String
    }

    private struct Head {
        var method = ""
        var path = ""
        var version = ""
        var query: [String: String] = [:]
        var headers: [String: String] = [:]

        static func parse(_ bytes: ArraySlice<UInt8>) -> Result<Head, Failure> {
            // Lines end in CRLF; a bare CR or LF, or any other control byte but a tab, is refused (request smuggling
            // and header injection start there).
            if bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A || $0 == 0x7F }) {
                return .failure(Failure(status: 400, reason: "control characters in the request head"))
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                return .failure(Failure(status: 400, reason: "request head is not UTF-8"))
            }
            let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
            guard let requestLine = lines.first, !lines.contains(where: { $0.contains("\r") || $0.contains("\n") })
            else {
                return .failure(Failure(status: 400, reason: "lines must end in CRLF"))
            }
            var head = Head()
            let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
            guard parts.count == 3, let method = parts.first, !method.isEmpty, method.count <= 16,
                method.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }),
                parts[1].hasPrefix("/"), parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0"
            else { return .failure(Failure(status: 400, reason: "malformed request line")) }
            head.method = String(method)
            head.version = String(parts[2])
            let target = parts[1]
            if let mark = target.firstIndex(of: "?") {
                head.path = String(target[..<mark])
                head.query = query(target[target.index(after: mark)...])
            } else {
                head.path = String(target)
            }
            let headerLines = lines.dropFirst()
            guard headerLines.count <= maxHeaders else {
                return .failure(Failure(status: 431, reason: "more than \(maxHeaders) header lines"))
            }
            for line in headerLines {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                    line[..<colon].utf8.allSatisfy(isTokenByte)
                else { return .failure(Failure(status: 400, reason: "malformed header line")) }
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                if let earlier = head.headers[name] {
                    // Two Content-Length values that differ make the body's end ambiguous.
                    if name == "content-length" && earlier != value {
                        return .failure(Failure(status: 400, reason: "bad Content-Length"))
                    }
                    head.headers[name] = name == "content-length" ? value : earlier + ", " + value
                } else {
                    head.headers[name] = value
                }
            }
            return .success(head)
        }

        /// `a=1&b=%20x&flag&=`: every pair, its key and value percent-decoded where they decode ("+" is a space),
        /// kept as written where they do not. A pair without "=" has an empty value.
        static func query(_ text: Substring) -> [String: String] {
            var query: [String: String] = [:]
            for pair in text.split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = decoded(keyValue.first ?? "")
                query[key] = keyValue.count > 1 ? decoded(keyValue[1]) : ""
            }
            return query
        }

        static func decoded(_ text: Substring) -> String {
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }

        /// RFC 9110 token characters, the only ones allowed in a header name.
        static func isTokenByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
            }
        }
    }

    static func contentLength(_ value: String) -> Int? {
        guard !value.isEmpty, value.utf8.count <= 18, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(value)
    }

    /// The index of the blank line's CRLFCRLF, or nil while it has not arrived.
    private static func headEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = 0
        while index <= bytes.count - 4 {
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func fill(_ buffer: inout [UInt8], from socket: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}
