internal import CCurl
import Dispatch
import Foundation

/// Sends email over SMTP with libcurl: `smtps://` (TLS from the start) or `smtp://` with STARTTLS, required
/// unless `requireTLS` is off (a relay on the same machine). The password comes from the environment and is
/// never logged. Transfers block a thread of a private queue, never the cooperative pool.
public struct SMTPMailer: Sendable {
    public struct Settings: Sendable, Equatable {
        /// "smtps://smtp.example.com:465" or "smtp://smtp.example.com:587".
        public var url: String
        public var username: String?
        public var password: String?
        /// "OpsBot <bot@example.com>".
        public var from: String
        /// For `smtp://`: refuse to send unless the server upgrades with STARTTLS.
        public var requireTLS: Bool
        public var timeout: Double

        public init(
            url: String, username: String? = nil, password: String? = nil, from: String, requireTLS: Bool = true,
            timeout: Double = 60
        ) {
            self.url = url
            self.username = username
            self.password = password
            self.from = from
            self.requireTLS = requireTLS
            self.timeout = timeout
        }
    }

    private static let queue = DispatchQueue(label: "opsbot.smtp", qos: .utility, attributes: .concurrent)

    let settings: Settings

    public init(settings: Settings) { self.settings = settings }

    /// Sends one message to its recipients; returns the server's final reply code (250).
    public func send(_ message: EmailMessage, date: Date = Date()) async throws(SMTPError) -> Int {
        let domain = EmailMessage.address(settings.from).split(separator: "@").last.map(String.init) ?? "opsbot.local"
        let bytes = message.rendered(date: date, messageID: "\(UUID().uuidString.lowercased())@\(domain)")
        let settings = self.settings
        let result: Result<Int, SMTPError> = await withCheckedContinuation { continuation in
            Self.queue.async {
                continuation.resume(
                    returning: Result { () throws(SMTPError) -> Int in
                        try Self.perform(settings: settings, recipients: message.to, bytes: bytes)
                    })
            }
        }
        return try result.get()
    }

    static func perform(settings: Settings, recipients: [String], bytes: [UInt8]) throws(SMTPError) -> Int {
        do {
            let handle = try CurlEasyHandle(url: settings.url)
            try handle.setLong(CURLOPT_CONNECTTIMEOUT_MS, 15_000)
            try handle.setLong(CURLOPT_TIMEOUT_MS, Int(settings.timeout * 1000))
            if settings.url.lowercased().hasPrefix("smtp://") {
                try handle.setLong(
                    CURLOPT_USE_SSL, Int(settings.requireTLS ? CURLUSESSL_ALL.rawValue : CURLUSESSL_TRY.rawValue))
            }
            if let username = settings.username { try handle.setString(CURLOPT_USERNAME, username) }
            if let password = settings.password { try handle.setString(CURLOPT_PASSWORD, password) }
            try handle.setString(CURLOPT_MAIL_FROM, "<\(EmailMessage.address(settings.from))>")
            try handle.setRecipients(recipients.map(EmailMessage.address))
            try handle.setUpload(bytes)
            return try handle.performUpload()
        } catch let error as HTTPError {
            throw SMTPError(error)
        } catch {
            throw SMTPError(detail: "\(error)", code: nil, transient: false)
        }
    }
}

public struct SMTPError: Error, CustomStringConvertible, Equatable {
    public let detail: String
    /// libcurl's code: 67 login denied, 55/56 send/receive failed, 64 STARTTLS refused, 7 cannot connect.
    public let code: Int?
    public let transient: Bool

    init(detail: String, code: Int?, transient: Bool) {
        self.detail = detail
        self.code = code
        self.transient = transient
    }

    init(_ error: HTTPError) {
        if case .transport(let code, let message, _) = error {
            let permanent: Set<Int> = [
                Int(CURLE_LOGIN_DENIED.rawValue), Int(CURLE_USE_SSL_FAILED.rawValue), Int(CURLE_URL_MALFORMAT.rawValue),
                Int(CURLE_UNSUPPORTED_PROTOCOL.rawValue),
            ]
            var detail = message
            if code == Int(CURLE_USE_SSL_FAILED.rawValue) {
                detail = "the mail server does not offer STARTTLS, and email is not sent in the clear"
            } else if code == Int(CURLE_LOGIN_DENIED.rawValue) {
                detail = "the mail server refused the username or password"
            }
            self.init(detail: detail, code: code, transient: !permanent.contains(code))
        } else {
            self.init(detail: error.description, code: nil, transient: false)
        }
    }

    public var description: String { "Email not sent: \(detail)" + (code.map { " (libcurl \($0))" } ?? "") }
}
