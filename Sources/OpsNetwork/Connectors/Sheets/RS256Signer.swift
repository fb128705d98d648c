internal import CCrypto
import Foundation

/// RSASSA-PKCS1-v1_5 with SHA-256 (JWS "RS256") by libcrypto, for the service account's token request.
enum RS256Signer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Signs `message` with the PEM private key (`-----BEGIN PRIVATE KEY-----`, as Google's key files hold it).
    static func sign(_ message: [UInt8], privateKeyPEM pem: String) throws -> [UInt8] {
        let key: OpaquePointer = try Array(pem.utf8).withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                throw Failure(description: "libcrypto could not read the key")
            }
            defer { BIO_free(bio) }
            guard let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) else {
                ERR_clear_error()
                throw Failure(description: "the key file's private_key is not a PEM private key")
            }
            return key
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { throw Failure(description: "libcrypto could not sign") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            ERR_clear_error()
            throw Failure(description: "the key cannot sign RS256 (is it an RSA key?)")
        }
        var length = 0
        let sized = message.withUnsafeBufferPointer {
            EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count)
        }
        guard sized == 1, length > 0 else { throw Failure(description: "libcrypto could not sign") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBufferPointer { output in
            message.withUnsafeBufferPointer {
                EVP_DigestSign(context, output.baseAddress, &length, $0.baseAddress, $0.count)
            }
        }
        guard signed == 1 else {
            ERR_clear_error()
            throw Failure(description: "libcrypto could not sign")
        }
        return Array(signature.prefix(length))
    }

    /// Base64url without padding, as JWS writes every part.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension RS256Signer {
    /// Whether `signature` is `message` signed by the private half of `publicKeyPEM` (what Google checks; the
    /// tests' fake checks it too).
    static func verify(_ message: [UInt8], signature: [UInt8], publicKeyPEM pem: String) -> Bool {
        let key: OpaquePointer? = Array(pem.utf8).withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PUBKEY(bio, nil, nil, nil)
        }
        guard let key else {
            ERR_clear_error()
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = signature.withUnsafeBufferPointer { signed in
            message.withUnsafeBufferPointer {
                EVP_DigestVerify(context, signed.baseAddress, signed.count, $0.baseAddress, $0.count)
            }
        }
        ERR_clear_error()
        return result == 1
    }
}
