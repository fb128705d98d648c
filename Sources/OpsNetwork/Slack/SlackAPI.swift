import Foundation

/// Slack's Web API for the bot: JSON bodies with the bot token in the Authorization header (form bodies for
/// the methods that refuse JSON), `ok:false` errors typed, 429 `Retry-After` and server errors waited out.
/// The app-level token (`xapp-…`) is used only to open a Socket Mode connection.
public struct SlackAPI: Sendable {
    public let baseURL: String
    let botToken: String
    let appToken: String?
    let http: ConnectorHTTP
    /// Shared by every copy of this API value: replies and alerts take turns per channel.
    public let pacer: SlackPacer

    public init(
        baseURL: String = "https://slack.com/api", botToken: String, appToken: String? = nil,
        http: ConnectorHTTP, pacer: SlackPacer = SlackPacer()
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.botToken = botToken
        self.appToken = appToken
        self.http = http
        self.pacer = pacer
    }

    /// Whether Socket Mode can be used (the app-level token is there); without it events come to the Events URL.
    public var socketMode: Bool { appToken != nil }

    /// `{"ok": false, "error": "channel_not_found"}`, and what it means for the caller.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let method: String
        public let error: String

        /// The token is gone or lacks a scope: only the owner can mend it.
        public var needsOwner: Bool {
            [
                "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired", "missing_scope",
                "not_allowed_token_type", "no_permission",
            ].contains(error)
        }

        /// The chat is gone for the bot (archived, kicked): stop sending there.
        public var chatGone: Bool { ["channel_not_found", "is_archived", "not_in_channel"].contains(error) }

        public var description: String { "Slack \(method): \(error)" }
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return Array(
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
                .joined(separator: "&").utf8)
    }

    /// Calls `method` with a JSON body (`json`) or a form (`form`), with `token` (the bot's by default).
    public func call(
        _ method: String, json: [String: Any]? = nil, form: [(String, String)]? = nil, token: String? = nil
    )
        async throws -> JSONValue
    {
        var request: HTTPRequest
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            request = HTTPRequest(
                method: "POST", url: "\(baseURL)/\(method)",
                body: .bytes(Array(data), contentType: "application/json; charset=utf-8"))
        } else {
            request = HTTPRequest(
                method: "POST", url: "\(baseURL)/\(method)",
                body: .bytes(Self.form(form ?? []), contentType: "application/x-www-form-urlencoded"))
        }
        request.headers.append(("Authorization", "Bearer \(token ?? botToken)"))
        let answer = try await http.send(request, platform: "Slack") { refusal in
            ConnectorError(.platform, "Slack \(method) answered HTTP \(refusal.status)")
        }
        guard answer["ok"]?.bool == true else {
            throw Failure(method: method, error: answer["error"]?.string ?? "unknown_error")
        }
        return answer
    }

    /// The bot's own user id (to hear mentions of it and ignore its own messages).
    public func botUserID() async throws -> String? {
        try await call("auth.test")["user_id"]?.string
    }

    /// A fresh Socket Mode URL (`apps.connections.open`, with the app-level token in the header).
    public func openConnection() async throws -> String {
        guard let appToken else { throw Failure(method: "apps.connections.open", error: "not_authed") }
        guard let url = try await call("apps.connections.open", form: [], token: appToken)["url"]?.string else {
            throw Failure(method: "apps.connections.open", error: "no_url")
        }
        return url
    }

    /// Posts a message; its `ts`, to edit it or answer in its thread later.
    @discardableResult
    public func postMessage(channel: String, message: SlackRenderer.Message, threadTS: String? = nil) async throws
        -> String
    {
        var body: [String: Any] = [
            "channel": channel, "text": message.text, "blocks": message.blocks.map(\.foundation),
            "unfurl_links": false, "unfurl_media": false,
        ]
        if let threadTS { body["thread_ts"] = threadTS }
        await pacer.waitTurn(channel: channel)
        return try await call("chat.postMessage", json: body)["ts"]?.string ?? ""
    }

    /// The name a member goes by in the workspace (`users.info`): the display name, else the real name, else the
    /// user name; nil when Slack has none or refuses (no `users:read` scope).
    public func displayName(user: String) async throws -> String? {
        let answer = try await call("users.info", form: [("user", user)])
        let profile = answer["user"]?["profile"]
        let candidates = [
            profile?["display_name"]?.string, profile?["real_name"]?.string, answer["user"]?["real_name"]?.string,
            answer["user"]?["name"]?.string,
        ]
        return candidates.compactMap { $0?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
    }

    public func update(channel: String, ts: String, message: SlackRenderer.Message) async throws {
        await pacer.waitTurn(channel: channel)
        _ = try await call(
            "chat.update",
            json: ["channel": channel, "ts": ts, "text": message.text, "blocks": message.blocks.map(\.foundation)])
    }

    /// Sends a file into a channel the way Slack asks now (`files.upload` is retired): an upload URL, the
    /// bytes posted to it, then the upload completed into the channel.
    public func uploadFile(channel: String, name: String, bytes: [UInt8], threadTS: String? = nil) async throws {
        let target = try await call(
            "files.getUploadURLExternal", form: [("filename", name), ("length", String(bytes.count))])
        guard let url = target["upload_url"]?.string, let id = target["file_id"]?.string else {
            throw Failure(method: "files.getUploadURLExternal", error: "no_upload_url")
        }
        var upload = HTTPRequest(method: "POST", url: url, body: .bytes(bytes, contentType: "application/octet-stream"))
        upload.timeout = 120
        let response = try await http.client.send(upload)
        guard (200..<300).contains(response.status) else {
            throw Failure(method: "upload", error: "http_\(response.status)")
        }
        var complete: [String: Any] = ["files": [["id": id, "title": name]], "channel_id": channel]
        if let threadTS { complete["thread_ts"] = threadTS }
        _ = try await call("files.completeUploadExternal", json: complete)
    }

    /// A shared file's bytes (`url_private_download`, with the bot token); an HTML page is a login page, not
    /// the file.
    public func download(_ url: String, maxBytes: Int) async throws -> [UInt8] {
        var request = HTTPRequest(method: "GET", url: url)
        request.headers.append(("Authorization", "Bearer \(botToken)"))
        request.timeout = 120
        let response = try await http.client.send(request)
        guard response.status == 200 else { throw Failure(method: "download", error: "http_\(response.status)") }
        guard !(response.headers["content-type"] ?? "").lowercased().hasPrefix("text/html") else {
            throw Failure(method: "download", error: "not_the_file")
        }
        guard response.body.count <= maxBytes else { throw Failure(method: "download", error: "file_too_large") }
        return response.body
    }
}

extension JSONValue {
    /// The value as Foundation's JSON objects, to serialise back.
    var foundation: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .integer(let value): return value
        case .number(let value): return value
        case .string(let value): return value
        case .array(let values): return values.map(\.foundation)
        case .object(let object): return object.mapValues(\.foundation)
        }
    }
}
