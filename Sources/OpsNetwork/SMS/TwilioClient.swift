import Foundation

/// Sends text messages with Twilio's Messages API: `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
/// form-encoded `To`, `From` (or `MessagingServiceSid`) and `Body`, HTTP basic auth with the account SID and
/// auth token. The token is never logged; errors carry Twilio's code and message.
public struct TwilioClient: Sendable {
    public struct Settings: Sendable, Equatable {
        /// "https://api.twilio.com" in production, a loopback fake in tests.
        public var baseURL: String
        public var accountSID: String
        public var authToken: String
        /// A sending number, or a Messaging Service SID ("MG…") which Twilio then picks a number from.
        public var from: String

        public init(baseURL: String = "https://api.twilio.com", accountSID: String, authToken: String, from: String) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.accountSID = accountSID
            self.authToken = authToken
            self.from = from
        }
    }

    let settings: Settings
    let client: any HTTPClient

    public init(settings: Settings, client: any HTTPClient) {
        self.settings = settings
        self.client = client
    }

    /// Queues one message; returns its SID ("SM…").
    public func send(to: String, body: String) async throws(TwilioError) -> String {
        let sender = settings.from.hasPrefix("MG") ? "MessagingServiceSid" : "From"
        let form = Self.formEncode([("To", to), (sender, settings.from), ("Body", body)])
        let credentials = Data("\(settings.accountSID):\(settings.authToken)".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: "POST", url: "\(settings.baseURL)/2010-04-01/Accounts/\(settings.accountSID)/Messages.json",
            headers: [("Authorization", "Basic \(credentials)"), ("Accept", "application/json")],
            body: .bytes(Array(form.utf8), contentType: "application/x-www-form-urlencoded"), timeout: 30)
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch {
            throw .network("\(error)")
        }
        let json = try? JSONValue(parsing: response.body)
        guard (200..<300).contains(response.status) else {
            throw .api(
                status: response.status, code: json?["code"]?.int,
                message: json?["message"]?.string
                    ?? String(decoding: response.body.prefix(120), as: UTF8.self),
                // Clamped to an hour: the wait becomes a stored time, and a huge one must not overflow it.
                retryAfter: response.headers["retry-after"].flatMap { Int($0) }.map { min(max($0, 0), 3600) })
        }
        guard let sid = json?["sid"]?.string else {
            throw .api(
                status: response.status, code: nil, message: "no message SID in Twilio's answer", retryAfter: nil)
        }
        return sid
    }

    /// `application/x-www-form-urlencoded`: letters, digits and `-._~` as they are, space as `+`, the rest
    /// percent-encoded as UTF-8.
    static func formEncode(_ fields: [(String, String)]) -> String {
        fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.append(Character(UnicodeScalar(byte)))
            case UInt8(ascii: " "):
                result.append("+")
            default:
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }
}

public enum TwilioError: Error, CustomStringConvertible, Equatable {
    /// No answer (connection refused, timeout): worth another try.
    case network(String)
    /// Twilio's error: HTTP status, its error code (21211 invalid number, 20429 too many requests) and message.
    case api(status: Int, code: Int?, message: String, retryAfter: Int?)

    public var description: String {
        switch self {
        case .network(let detail): return "Twilio could not be reached: \(detail)"
        case .api(let status, let code, let message, _):
            return "Twilio answered \(status)" + (code.map { " (error \($0))" } ?? "") + ": \(message)"
        }
    }

    /// 429, 5xx and network failures pass; a 4xx (bad number, bad credentials) will fail the same way again.
    public var isTransient: Bool {
        switch self {
        case .network: return true
        case .api(let status, _, _, _): return status == 429 || status >= 500
        }
    }
}
