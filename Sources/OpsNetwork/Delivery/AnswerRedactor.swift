import Foundation

/// Makes a provider's answer safe to keep with a delivery attempt, to log, and to show in `alert history`.
///
/// A Bot API behind a proxy can answer with an error page that echoes the request path, `/bot<token>/…`; an SMTP
/// server can echo the login; a gateway can echo an Authorization header. Every secret the bot holds is taken out,
/// and so is anything shaped like a credential (a bot path, a bot token, a Slack token, user:password in a URL,
/// a Bearer or Basic value); what is kept is one line of at most `maxLength` characters.
public struct AnswerRedactor: Sendable {
    public static let marker = "‹redacted›"
    public static let maxLength = 200

    private let secrets: [String]

    /// `secrets`: the values to take out wherever they appear (tokens, passwords); empty ones are ignored.
    public init(secrets: [String] = []) {
        var forms: [String] = []
        for secret in secrets where secret.count >= 3 {
            forms.append(secret)
            forms.append(Data(secret.utf8).base64EncodedString())
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                forms.append(encoded)
            }
        }
        // Longest first, so a secret that contains another is taken out whole.
        self.secrets = Array(Set(forms)).sorted { $0.count > $1.count }
    }

    static let patterns: [(NSRegularExpression, String)] = [
        (#"://[^/\s:@]+:[^/\s@]+@"#, "://" + marker + "@"),
        (#"(?<![/:])/bot[^/\s"'<>]+(?=/)"#, "/bot" + marker),
        (#"\b[0-9]{5,}:[A-Za-z0-9_-]{20,}"#, marker),
        (#"\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+"#, marker),
        (#"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+"#, "$1 " + marker),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    public func redact(_ text: String) -> String {
        var text = text
        for secret in secrets { text = text.replacingOccurrences(of: secret, with: Self.marker) }
        for (pattern, template) in Self.patterns {
            text = pattern.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        // One line, no control characters, no run of spaces: an HTML page's text, not its layout.
        let flat = text.unicodeScalars.map { CharacterSet.controlCharacters.contains($0) ? " " : Character($0) }
        let words = String(flat).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return words.count > Self.maxLength ? String(words.prefix(Self.maxLength - 1)) + "…" : words
    }

    /// The same result with its answer redacted.
    public func redact(_ result: DeliveryResult) -> DeliveryResult {
        switch result {
        case .sent(let key, let answer): return .sent(messageKey: key, answer: redact(answer))
        case .retry(let answer, let after): return .retry(answer: redact(answer), after: after)
        case .failed(let answer): return .failed(answer: redact(answer))
        case .unreachable(let answer): return .unreachable(answer: redact(answer))
        }
    }
}
