import Foundation
import Synchronization

/// An OAuth access token for a Google service account: a JWT (RS256, signed with the key file's private key)
/// exchanged at the key file's `token_uri`, kept until a minute before it expires. The key never leaves memory
/// and is never logged; errors name the file, not its contents.
final class ServiceAccountToken: Sendable {
    struct Key: Sendable {
        let clientEmail: String
        let privateKey: String
        let keyID: String?
        let tokenURI: String
    }

    static let scope = "https://www.googleapis.com/auth/spreadsheets.readonly"

    let keyFile: String
    private let cached = Mutex<(token: String, expires: Date)?>(nil)

    init(keyFile: String) {
        self.keyFile = keyFile
    }

    static func readKey(_ path: String) throws -> Key {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConnectorError(.setup, "The service account key file \(path) cannot be read.")
        }
        guard let value = try? JSONValue(parsing: Array(data)), let email = value["client_email"]?.string,
            let key = value["private_key"]?.string
        else {
            throw ConnectorError(
                .setup, "The key file \(path) is not a service account key (no client_email or private_key).")
        }
        return Key(
            clientEmail: email, privateKey: key, keyID: value["private_key_id"]?.string,
            tokenURI: value["token_uri"]?.string ?? "https://oauth2.googleapis.com/token")
    }

    /// The signed assertion: `header.claims.signature`, each part base64url.
    static func assertion(_ key: Key, now: Date) throws -> String {
        var header: [String: Any] = ["alg": "RS256", "typ": "JWT"]
        if let keyID = key.keyID { header["kid"] = keyID }
        let issued = Int(now.timeIntervalSince1970)
        let claims: [String: Any] = [
            "iss": key.clientEmail, "scope": scope, "aud": key.tokenURI, "iat": issued, "exp": issued + 3600,
        ]
        let parts = try [header, claims].map { object in
            RS256Signer.base64URL(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])))
        }
        let input = parts.joined(separator: ".")
        let signature: [UInt8]
        do {
            signature = try RS256Signer.sign(Array(input.utf8), privateKeyPEM: key.privateKey)
        } catch let failure as RS256Signer.Failure {
            throw ConnectorError(.setup, "The service account key cannot sign: \(failure.description).")
        }
        return input + "." + RS256Signer.base64URL(signature)
    }

    func token(http: ConnectorHTTP, now: Date) async throws -> String {
        if let cached = cached.withLock({ $0 }), cached.expires > now { return cached.token }
        let key = try Self.readKey(keyFile)
        let form =
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="
            + (try Self.assertion(key, now: now))
        let request = HTTPRequest(
            method: "POST", url: key.tokenURI,
            body: .bytes(Array(form.utf8), contentType: "application/x-www-form-urlencoded"))
        let answer = try await http.send(request, platform: "Google") { refusal in
            // {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
            let code = refusal.body?["error"]?.string ?? "HTTP \(refusal.status)"
            let detail = refusal.body?["error_description"]?.string.map { ": \($0.prefix(200))" } ?? ""
            return ConnectorError(.access, "Google refused the service account (\(code)\(detail)).")
        }
        guard let token = answer["access_token"]?.string, !token.isEmpty else {
            throw ConnectorError(.platform, "Google's token answer has no access_token.")
        }
        let lifetime = answer["expires_in"]?.double ?? 3600
        cached.withLock { $0 = (token, now.addingTimeInterval(max(0, lifetime - 60))) }
        return token
    }
}
