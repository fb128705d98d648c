/// What a Bot API call can fail with, as Telegram documents it:
/// `{"ok":false,"error_code":429,"description":"…","parameters":{"retry_after":3}}`.
public enum TelegramAPIError: Error, CustomStringConvertible, Equatable {
    /// Telegram answered with an error.
    case api(code: Int, description: String, retryAfter: Int?, migrateToChatID: Int64?)
    /// No answer: the network failed or timed out.
    case network(HTTPError)
    /// An answer that is not the documented envelope (a proxy's HTML page, say).
    case malformed(status: Int, snippet: String)

    public var description: String {
        switch self {
        case .api(let code, let description, let retryAfter, _):
            return "Telegram error \(code): \(description)" + (retryAfter.map { " (retry after \($0) s)" } ?? "")
        case .network(let error): return "Cannot reach Telegram: \(error)"
        case .malformed(let status, let snippet):
            return "Telegram answered HTTP \(status) with something unexpected: \(snippet)"
        }
    }

    /// 429: too many requests; wait `retryAfter` seconds.
    public var isRateLimit: Bool { if case .api(429, _, _, _) = self { return true } else { return false } }
    /// 409: another poller or a webhook holds the updates.
    public var isConflict: Bool { if case .api(409, _, _, _) = self { return true } else { return false } }
    /// 403: the bot was blocked or removed from the chat; retrying will not help.
    public var isForbidden: Bool { if case .api(403, _, _, _) = self { return true } else { return false } }
    /// Worth retrying with backoff: network failures, Telegram's own 5xx, and a 429 (which says how long).
    public var isTransient: Bool {
        switch self {
        case .network: return true
        case .api(let code, _, _, _): return code >= 500 || code == 429
        case .malformed(let status, _): return status >= 500 || status == 0
        }
    }
}
