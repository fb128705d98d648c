import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads one HTTP/1.1 request from a socket, strictly: a request line of three parts, headers of
/// `Name: value`, a body only by Content-Length (chunked request bodies are refused), size limits.
enum HTTPRequestParser {
    enum Outcome {
        case request(HTTPServer.Request, keepAlive: Bool)
        /// Answer with this status and close.
        case invalid(Int, String)
        /// The client went away (or was silent past the timeout) between requests.
        case closed
    }

    static let maxHead = 16 * 1024

    static func read(from socket: Int32, buffer: inout [UInt8], maxBody: Int) -> Outcome {
        // Head: up to the blank line.
        var headEnd: Int?
        while true {
            if let end = find([13, 10, 13, 10], in: buffer) {
                headEnd = end
                break
            }
            if buffer.count > maxHead { return .invalid(431, "request head over 16 KB") }
            guard fill(&buffer, from: socket) else { return buffer.isEmpty ? .closed : .invalid(400, "incomplete request") }
        }
        guard let headEnd else { return .closed }
        let head = buffer[..<headEnd]
        buffer.removeFirst(headEnd + 4)
        guard let text = String(validating: head, as: UTF8.self) else { return .invalid(400, "request head is not UTF-8") }
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isUppercase }), parts[1].hasPrefix("/"),
            parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0"
        else { return .invalid(400, "malformed request line") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(where: { $0 == " " || $0 == "\t" })
            else { return .invalid(400, "malformed header line") }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["transfer-encoding"] != nil { return .invalid(501, "chunked request bodies are not accepted") }
        var length = 0
        if let value = headers["content-length"] {
            guard let parsed = Int(value), parsed >= 0 else { return .invalid(400, "bad Content-Length") }
            length = parsed
        }
        if length > maxBody { return .invalid(413, "body over \(maxBody) bytes") }
        while buffer.count < length {
            guard fill(&buffer, from: socket) else { return .invalid(400, "body shorter than Content-Length") }
        }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)

        let target = String(parts[1])
        let pathEnd = target.firstIndex(of: "?") ?? target.endIndex
        var query: [String: String] = [:]
        if pathEnd < target.endIndex {
            for pair in target[target.index(after: pathEnd)...].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1)
                let key = String(keyValue[0]).removingPercentEncoding ?? String(keyValue[0])
                query[key] = keyValue.count > 1 ? (String(keyValue[1]).removingPercentEncoding ?? String(keyValue[1])) : ""
            }
        }
        let connection = headers["connection"]?.lowercased()
        let keepAlive = parts[2] == "HTTP/1.1" ? connection != "close" : connection == "keep-alive"
        let request = HTTPServer.Request(
            method: String(parts[0]), path: String(target[..<pathEnd]), query: query, headers: headers, body: body)
        return .request(request, keepAlive: keepAlive)
    }

    private static func fill(_ buffer: inout [UInt8], from socket: Int32) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private static func find(_ pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for index in 0...(bytes.count - pattern.count) where bytes[index] == pattern[0] {
            if Array(bytes[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}
