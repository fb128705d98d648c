import Foundation

/// The HTTP the connectors share: JSON in and out, a platform's rate limit waited out (its `Retry-After`, else a
/// growing backoff), network failures and 5xx answers tried again a few times, then a `ConnectorError`.
public struct ConnectorHTTP: Sendable {
    public let client: any HTTPClient
    /// Tries per request before giving up; a rate limit or server error counts as a failed try.
    public var attempts: Int
    public var backoff: Backoff
    /// Waits between tries (a test passes one that does not sleep).
    public var sleep: @Sendable (TimeInterval) async -> Void

    public init(
        client: any HTTPClient, attempts: Int = 5, backoff: Backoff = Backoff(base: 1, maximum: 60),
        sleep: @escaping @Sendable (TimeInterval) async -> Void = { seconds in
            try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.client = client
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep
    }

    /// A platform's answer that is not a success, for the connector to explain in its own terms.
    public struct Refusal: Sendable {
        public let status: Int
        public let body: JSONValue?
        public let headers: [String: String]
    }

    /// Sends `request` until it succeeds or the tries run out. `explain` turns a 4xx answer (other than 429)
    /// into the error to report; `isRetryable` may call a 200 answer a rate limit (GraphQL's THROTTLED).
    public func send(
        _ request: HTTPRequest, platform: String, explain: (Refusal) -> ConnectorError,
        retryAfter: (JSONValue) -> TimeInterval? = { _ in nil }
    ) async throws -> JSONValue {
        var attempt = 0
        while true {
            attempt += 1
            let response: HTTPResponse
            do {
                response = try await client.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                guard attempt < attempts else {
                    throw ConnectorError(.network, "\(platform) could not be reached (\(error)).")
                }
                await sleep(backoff.delay(after: attempt))
                continue
            }
            let body = try? JSONValue(parsing: response.body)
            switch response.status {
            case 200..<300:
                guard let body else {
                    throw ConnectorError(.platform, "\(platform) answered something that is not JSON.")
                }
                if let wait = retryAfter(body) {
                    guard attempt < attempts else {
                        throw ConnectorError(.rateLimited, "\(platform) kept asking to slow down; trying again later.")
                    }
                    await sleep(wait)
                    continue
                }
                return body
            case 429, 500..<600:
                guard attempt < attempts else {
                    throw response.status == 429
                        ? ConnectorError(.rateLimited, "\(platform) kept asking to slow down; trying again later.")
                        : ConnectorError(.platform, "\(platform) failed (HTTP \(response.status)); trying again later.")
                }
                let told = response.headers["retry-after"].flatMap(TimeInterval.init)
                await sleep(min(told ?? backoff.delay(after: attempt), backoff.maximum))
            default:
                throw explain(Refusal(status: response.status, body: body, headers: response.headers))
            }
        }
    }
}
