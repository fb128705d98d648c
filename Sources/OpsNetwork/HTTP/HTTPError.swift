/// A request that got no HTTP answer. URLs are shown with secrets (a bot token in the path) redacted.
public enum HTTPError: Error, CustomStringConvertible, Equatable {
    /// libcurl's error: its code and message, and the redacted URL.
    case transport(code: Int, message: String, url: String)
    /// The request could not be set up (an out-of-memory in libcurl, an unusable URL).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .transport(let code, let message, let url):
            return "Network error \(code) (\(message)) for \(url)"
        case .invalidRequest(let reason):
            return "Invalid HTTP request: \(reason)"
        }
    }

    /// True for failures worth retrying: timeouts, refused or dropped connections, DNS hiccups.
    public var isTransient: Bool {
        guard case .transport(let code, _, _) = self else { return false }
        // CURLE_COULDNT_RESOLVE_HOST 6, COULDNT_CONNECT 7, OPERATION_TIMEDOUT 28, SEND_ERROR 55,
        // RECV_ERROR 56, GOT_NOTHING 52, PARTIAL_FILE 18
        return [6, 7, 18, 28, 52, 55, 56].contains(code)
    }

    /// The URL with any `/bot<token>/` path segment replaced by `/bot<redacted>/`, and without its query string
    /// (an API key travels there: Google's `?key=`).
    public static func redact(_ url: String) -> String {
        let url = url.firstIndex(of: "?").map { url[..<$0] + "?<redacted>" } ?? url
        guard let range = url.range(of: "/bot") else { return url }
        let after = url[range.upperBound...]
        guard let slash = after.firstIndex(of: "/") else { return String(url[..<range.upperBound]) + "<redacted>" }
        return String(url[..<range.upperBound]) + "<redacted>" + String(after[slash...])
    }
}
