import Foundation

/// An HTTP request as the transports build it. The body is bytes; multipart bodies are described by parts.
public struct HTTPRequest: Sendable {
    public enum Body: Sendable {
        case none
        case bytes([UInt8], contentType: String)
        /// `multipart/form-data`: fields and files (a file upload to a Bot API, say).
        case multipart([MultipartPart])
    }

    public struct MultipartPart: Sendable {
        public let name: String
        public let data: [UInt8]
        public let fileName: String?
        public let contentType: String?

        public init(name: String, data: [UInt8], fileName: String? = nil, contentType: String? = nil) {
            self.name = name
            self.data = data
            self.fileName = fileName
            self.contentType = contentType
        }

        public static func field(_ name: String, _ value: String) -> MultipartPart {
            MultipartPart(name: name, data: Array(value.utf8))
        }
    }

    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: Body
    /// Seconds to connect, and for the whole exchange (a long poll's timeout plus a margin).
    public var connectTimeout: Double
    public var timeout: Double

    public init(
        method: String = "GET", url: String, headers: [(String, String)] = [], body: Body = .none,
        connectTimeout: Double = 10, timeout: Double = 30
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    public static func json(_ method: String = "POST", url: String, object: Any, timeout: Double = 30) throws
        -> HTTPRequest
    {
        let data = try JSONSerialization.data(withJSONObject: object)
        return HTTPRequest(
            method: method, url: url, body: .bytes(Array(data), contentType: "application/json"), timeout: timeout)
    }
}

/// What the server answered.
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Header names in lower case.
    public let headers: [String: String]
    public let body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends requests. The seam transports are tested through: libcurl in production, fakes in tests.
public protocol HTTPClient: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
