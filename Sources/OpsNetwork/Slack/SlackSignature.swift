internal import CCrypto
import Foundation

/// Slack's request signing (Events API, interactivity, slash commands): `v0=` + hex HMAC-SHA256, keyed with the
/// app's signing secret, over `v0:<timestamp>:<raw body>`; a timestamp more than five minutes from now is a
/// replay. The signature is compared in constant time.
public struct SlackSignature: Sendable {
    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case missing
        case stale(seconds: Int)
        case mismatch

        public var description: String {
            switch self {
            case .missing: return "no X-Slack-Signature or X-Slack-Request-Timestamp"
            case .stale(let seconds): return "the request's timestamp is \(seconds) s from now (at most 300)"
            case .mismatch: return "the signature does not match the body"
            }
        }
    }

    /// The signing secret, and during a rotation the previous one (valid for 24 hours).
    let secrets: [String]
    public static let window: TimeInterval = 300

    public init(secrets: [String]) {
        self.secrets = secrets.filter { !$0.isEmpty }
    }

    public static func signature(secret: String, timestamp: String, body: [UInt8]) -> String {
        let message = Array("v0:\(timestamp):".utf8) + body
        let key = Array(secret.utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { bytes in
                digest.withUnsafeMutableBufferPointer {
                    HMAC(
                        EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count), bytes.baseAddress, bytes.count,
                        $0.baseAddress, &length)
                }
            }
        }
        let hex = Array("0123456789abcdef")
        return "v0=" + digest.prefix(Int(length)).map { "\(hex[Int($0 >> 4)])\(hex[Int($0 & 15)])" }.joined()
    }

    /// Whether the request is Slack's: headers in lower case, as the HTTP server gives them.
    public func verify(headers: [String: String], body: [UInt8], now: Date) throws {
        guard let signature = headers["x-slack-signature"], let timestamp = headers["x-slack-request-timestamp"],
            let seconds = Int64(timestamp)
        else { throw Refusal.missing }
        let skew = abs(now.timeIntervalSince1970 - Double(seconds))
        guard skew <= Self.window else { throw Refusal.stale(seconds: Int(min(skew, 1e9))) }
        let given = Array(signature.utf8)
        for secret in secrets
        where Self.equal(Array(Self.signature(secret: secret, timestamp: timestamp, body: body).utf8), given) {
            return
        }
        throw Refusal.mismatch
    }

    /// Compares without stopping at the first difference, so the time taken says nothing of where it is.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
