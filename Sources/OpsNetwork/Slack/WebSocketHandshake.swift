internal import CCrypto
import Foundation

/// The opening handshake's key and its proof (RFC 6455 §4): the client sends a random 16-byte key in base64;
/// the server's `Sec-WebSocket-Accept` must be base64(SHA-1(key + the protocol's GUID)).
public enum WebSocketHandshake {
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    public static func key<G: RandomNumberGenerator>(using generator: inout G) -> String {
        Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }

    public static func accept(forKey key: String) -> String {
        let input = Array((key + guid).utf8)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = input.withUnsafeBufferPointer { bytes in
            digest.withUnsafeMutableBufferPointer {
                EVP_Digest(bytes.baseAddress, bytes.count, $0.baseAddress, &length, EVP_sha1(), nil)
            }
        }
        precondition(done == 1 && length == 20, "libcrypto could not make a SHA-1 digest")
        return Data(digest.prefix(20)).base64EncodedString()
    }

    /// The request's header lines (without the request line), for `host` and `path`.
    public static func requestHeaders(host: String, key: String) -> [(String, String)] {
        [
            ("Host", host), ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Key", key),
            ("Sec-WebSocket-Version", "13"),
        ]
    }

    /// Whether a 101 response's headers accept `key`.
    public static func accepts(_ headers: [String: String], key: String) -> Bool {
        headers["upgrade"]?.lowercased() == "websocket"
            && headers["connection"]?.lowercased().contains("upgrade") == true
            && headers["sec-websocket-accept"] == accept(forKey: key)
    }
}
