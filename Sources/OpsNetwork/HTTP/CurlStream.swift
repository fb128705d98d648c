internal import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw byte stream through libcurl (`CURLOPT_CONNECT_ONLY`): libcurl connects, does TLS, proxies and
/// certificate checks, then hands over the connection for `send` and `receive` — what a WebSocket needs on a
/// Debian libcurl built without its own WebSocket support. Blocking: use it from a thread of its own.
final class CurlStream {
    private let handle: UnsafeMutableRawPointer
    let redactedURL: String
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Connects to `url`'s host and port (`https://` for TLS, `http://` for plain TCP).
    init(url: String, connectTimeout: Double = 10) throws {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw HTTPError.invalidRequest("libcurl could not make a handle") }
        self.handle = handle
        redactedURL = HTTPError.redact(url)
        do {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, url))
            try check(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            try check(ccurl_easy_setopt_long(handle, CURLOPT_CONNECT_ONLY, 1))
            try check(ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)))
            try check(curl_easy_perform(handle))
        } catch {
            curl_easy_cleanup(handle)
            throw error
        }
    }

    deinit { curl_easy_cleanup(handle) }

    private func check(_ code: CURLcode) throws {
        guard code != CURLE_OK else { return }
        let message = curl_easy_strerror(code).map { String(cString: $0) } ?? "unknown"
        throw HTTPError.transport(code: Int(code.rawValue), message: message, url: redactedURL)
    }

    private func socket() throws -> Int32 {
        var socket: curl_socket_t = -1
        try check(ccurl_easy_getinfo_socket(handle, &socket))
        return Int32(socket)
    }

    /// Waits until the socket can be read or written, or `timeout` seconds pass; false on the timeout.
    private func wait(forWriting: Bool, timeout: Double) throws -> Bool {
        var descriptor = pollfd(fd: try socket(), events: Int16(forWriting ? POLLOUT : POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(max(0, min(timeout, 3600)) * 1000))
        return ready > 0
    }

    func send(_ bytes: [UInt8], timeout: Double = 10) throws {
        var offset = 0
        let deadline = Date().addingTimeInterval(timeout)
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buffer in
                curl_easy_send(handle, buffer.baseAddress!.advanced(by: offset), bytes.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                guard Date() < deadline, try wait(forWriting: true, timeout: deadline.timeIntervalSinceNow) else {
                    throw HTTPError.transport(code: 28, message: "send timed out", url: redactedURL)
                }
                continue
            }
            try check(code)
            offset += sent
        }
    }

    /// Up to `max` bytes, waiting at most `timeout` seconds: empty when nothing came; nil when the peer closed.
    func receive(max: Int = 65_536, timeout: Double) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: max)
        var received = 0
        var code = buffer.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress, max, &received) }
        if code == CURLE_AGAIN {
            guard try wait(forWriting: false, timeout: timeout) else { return [] }
            code = buffer.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress, max, &received) }
            if code == CURLE_AGAIN { return [] }
        }
        try check(code)
        return received == 0 ? nil : Array(buffer.prefix(received))
    }
}

@available(*, unavailable)
extension CurlStream: Sendable {}
