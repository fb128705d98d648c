import Foundation
import OpsNetwork
import Synchronization

/// A loopback Google: the OAuth token endpoint for service accounts (the JWT bearer grant, the assertion's
/// signature checked by `verify`) and Sheets API v4 `spreadsheets.values.get`, with Google's error envelope.
public final class SheetsFake: Sendable {
    public static let accessToken = "ya29.test-access-token"
    public static let apiKey = "AIzaSyTestKey0123456789"
    public let server: HTTPServer
    public var baseURL: String { "http://127.0.0.1:\(server.port)" }
    public var tokenURL: String { baseURL + "/token" }

    /// The sheet's cells as `values` rows (trailing empty cells left out, as Google does).
    public let values = Mutex<[[String]]>([])
    public let range = "Stock!A1:F500"
    /// Every read from now on is refused: the sheet is no longer shared.
    public let forbidden = Mutex(false)
    /// The next this many reads are answered 429 RESOURCE_EXHAUSTED.
    public let rateLimited = Mutex(0)
    public let tokenRequests = Mutex<[String: String]>([:])
    public let tokenCount = Mutex(0)
    public let reads = Mutex<[HTTPServer.Request]>([])

    /// `verify(signingInput, signature)`: whether the assertion was signed by the key Google has on file.
    public init(verify: @escaping @Sendable (String, [UInt8]) -> Bool) throws {
        let holder = Mutex<SheetsFake?>(nil)
        server = try HTTPServer { request in
            guard let fake = holder.withLock({ $0 }) else { return .text("starting", status: 503) }
            return fake.answer(request, verify: verify)
        }
        holder.withLock { $0 = self }
    }

    public func stop() { server.stop() }

    static func googleError(_ code: Int, _ status: String, _ message: String) -> HTTPServer.Response {
        .json(#"{"error":{"code":\#(code),"message":"\#(message)","status":"\#(status)"}}"#, status: code)
    }

    static func form(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            fields[parts[0]] = parts[1].removingPercentEncoding
        }
        return fields
    }

    public static func base64URLDecoded(_ text: Substring) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map(Array.init)
    }

    func answer(_ request: HTTPServer.Request, verify: @Sendable (String, [UInt8]) -> Bool) -> HTTPServer.Response {
        if request.method == "POST" && request.path == "/token" {
            let form = Self.form(request.body)
            tokenRequests.withLock { $0 = form }
            tokenCount.withLock { $0 += 1 }
            let parts = (form["assertion"] ?? "").split(separator: ".", omittingEmptySubsequences: false)
            guard form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer", parts.count == 3,
                let signature = Self.base64URLDecoded(parts[2]), verify("\(parts[0]).\(parts[1])", signature)
            else {
                return .json(#"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#, status: 400)
            }
            return .json(#"{"access_token":"\#(Self.accessToken)","expires_in":3599,"token_type":"Bearer"}"#)
        }
        guard request.method == "GET", request.path.hasPrefix("/v4/spreadsheets/") else {
            return Self.googleError(404, "NOT_FOUND", "Requested entity was not found.")
        }
        reads.withLock { $0.append(request) }
        let authorised =
            request.headers["authorization"] == "Bearer \(Self.accessToken)" || request.query["key"] == Self.apiKey
        guard authorised else {
            return Self.googleError(
                401, "UNAUTHENTICATED", "Request is missing required authentication credential.")
        }
        let limited = rateLimited.withLock { count in
            guard count > 0 else { return false }
            count -= 1
            return true
        }
        if limited {
            return Self.googleError(
                429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Read requests' of service sheets.")
        }
        if forbidden.withLock({ $0 }) {
            return Self.googleError(403, "PERMISSION_DENIED", "The caller does not have permission")
        }
        let rows = values.withLock { $0 }
        let object: [String: Any] = ["range": range, "majorDimension": "ROWS", "values": rows]
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return HTTPServer.Response(status: 200, headers: [("Content-Type", "application/json")], body: Array(data))
    }
}
