internal import CCurl
import Dispatch

/// `HTTPClient` on libcurl. Each transfer blocks a thread of a private queue, never the cooperative pool,
/// so a 50-second long poll holds up nothing else. TLS is verified; proxies come from the usual
/// environment variables (libcurl reads `https_proxy`, `http_proxy`, `no_proxy` itself).
public struct CurlHTTPClient: HTTPClient {
    private static let queue = DispatchQueue(label: "opsbot.http", qos: .utility, attributes: .concurrent)

    public init() {}

    /// Cancelling the calling task stops the transfer within a second (libcurl's progress callback),
    /// so a shutdown need not wait out a 50-second long poll.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let flag = CancelFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                Self.queue.async {
                    continuation.resume(with: Result { try Self.perform(request, cancel: flag) })
                }
            }
        } onCancel: {
            flag.raise()
        }
    }

    static func perform(_ request: HTTPRequest, cancel: CancelFlag) throws -> HTTPResponse {
        let handle = try CurlEasyHandle(url: request.url)
        try withExtendedLifetime(cancel) { try handle.abort(when: cancel) }
        try handle.setLong(CURLOPT_CONNECTTIMEOUT_MS, Int(request.connectTimeout * 1000))
        try handle.setLong(CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000))
        var headers = request.headers
        switch request.body {
        case .none:
            if request.method == "GET" { try handle.setLong(CURLOPT_HTTPGET, 1) }
        case .bytes(let bytes, let contentType):
            headers.append(("Content-Type", contentType))
            try handle.setBody(bytes)
        case .multipart(let parts):
            try handle.setMultipart(parts)
        }
        if request.method != "GET" && request.method != "POST" {
            try handle.setString(CURLOPT_CUSTOMREQUEST, request.method)
        }
        // libcurl would otherwise send "Expect: 100-continue" for larger bodies and wait for it.
        headers.append(("Expect", ""))
        try handle.setHeaders(headers)
        return try withExtendedLifetime(cancel) { try handle.perform() }
    }
}
