import Foundation

/// The Bot API methods the bot uses, over any `HTTPClient`. The token is part of every URL, so URLs are
/// never logged; errors show them redacted.
public struct TelegramAPI: Sendable {
    public let baseURL: String
    private let token: String
    private let client: any HTTPClient
    /// This token's place in Telegram's sending limits, shared by the replies and the alert deliveries.
    public let pacer = SendPacer()

    /// `baseURL` is "https://api.telegram.org" in production, a loopback fake in tests.
    public init(baseURL: String, token: String, client: any HTTPClient) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        self.client = client
    }

    /// Calls `method` with JSON parameters and returns the envelope's `result`.
    public func call(_ method: String, _ parameters: [String: Any] = [:], timeout: Double = 30) async throws
        -> JSONValue
    {
        let request = try HTTPRequest.json(
            url: "\(baseURL)/bot\(token)/\(method)", object: parameters, timeout: timeout)
        return try await send(request)
    }

    /// Calls `method` with a multipart form (file uploads).
    public func upload(_ method: String, _ parts: [HTTPRequest.MultipartPart]) async throws -> JSONValue {
        try await send(
            HTTPRequest(method: "POST", url: "\(baseURL)/bot\(token)/\(method)", body: .multipart(parts), timeout: 120))
    }

    private func send(_ request: HTTPRequest) async throws -> JSONValue {
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch let error as HTTPError {
            throw TelegramAPIError.network(error)
        }
        // A proxy's error page can echo the request path, token included: what is kept of it is redacted.
        let redactor = AnswerRedactor(secrets: [token])
        guard let envelope = try? JSONValue(parsing: response.body), let ok = envelope["ok"]?.bool else {
            throw TelegramAPIError.malformed(
                status: response.status,
                snippet: redactor.redact(String(decoding: response.body.prefix(2_000), as: UTF8.self)))
        }
        guard ok else {
            var retryAfter = envelope["parameters"]?["retry_after"]?.int
            if retryAfter == nil, let header = response.headers["retry-after"] { retryAfter = Int(header) }
            // A wait past an hour (or below zero) is not Telegram's: it is clamped, not slept or trapped on.
            retryAfter = retryAfter.map { min(max($0, 0), 3600) }
            throw TelegramAPIError.api(
                code: envelope["error_code"]?.int ?? response.status,
                description: redactor.redact(envelope["description"]?.string ?? "no description"),
                retryAfter: retryAfter, migrateToChatID: envelope["parameters"]?["migrate_to_chat_id"]?.int64)
        }
        return envelope["result"] ?? .null
    }

    /// Long poll: waits up to `timeout` seconds for updates from `offset` on.
    public func getUpdates(offset: Int64?, timeout: Int = 50, allowedUpdates: [String] = TelegramAPI.allowedUpdates)
        async throws -> [TelegramUpdate]
    {
        var parameters: [String: Any] = ["timeout": timeout, "allowed_updates": allowedUpdates]
        if let offset { parameters["offset"] = offset }
        // The transfer may take the whole long poll: allow it, plus a margin.
        let result = try await call("getUpdates", parameters, timeout: Double(timeout) + 15)
        return try Self.updates(in: result)
    }

    /// The updates of a `getUpdates` result. One without an id is skipped (a later id confirms it); a batch
    /// with none that decodes is an error, so the poller backs off instead of asking for the same batch at once.
    static func updates(in result: JSONValue) throws -> [TelegramUpdate] {
        let items = result.array ?? []
        let updates = items.compactMap(TelegramUpdate.init)
        if updates.isEmpty && !items.isEmpty {
            throw TelegramAPIError.malformed(status: 200, snippet: "getUpdates returned updates without an update_id")
        }
        return updates
    }

    public static let allowedUpdates = ["message", "edited_message", "callback_query", "my_chat_member"]

    /// Sends a message, as a reply to `replyTo` when given (sent anyway if that message is gone); returns its id.
    @discardableResult
    public func sendMessage(
        chatID: Int64, text: String, parseMode: String? = "HTML", keyboard: [[TelegramButton]] = [],
        replyTo: Int64? = nil
    ) async throws -> Int64 {
        var parameters: [String: Any] = ["chat_id": chatID, "text": text]
        if let parseMode { parameters["parse_mode"] = parseMode }
        if let replyTo {
            parameters["reply_parameters"] =
                ["message_id": replyTo, "allow_sending_without_reply": true] as [String: Any]
        }
        if !keyboard.isEmpty { parameters["reply_markup"] = TelegramButton.markup(keyboard) }
        return try await call("sendMessage", parameters)["message_id"]?.int64 ?? 0
    }

    public func editMessageText(chatID: Int64, messageID: Int64, text: String, keyboard: [[TelegramButton]] = [])
        async throws
    {
        var parameters: [String: Any] = [
            "chat_id": chatID, "message_id": messageID, "text": text, "parse_mode": "HTML",
        ]
        // An empty keyboard removes the buttons (a resolved alert has none).
        parameters["reply_markup"] = TelegramButton.markup(keyboard)
        do {
            _ = try await call("editMessageText", parameters)
        } catch let error as TelegramAPIError {
            // Already showing this: as good as edited.
            guard case .api(400, let description, _, _) = error, description.contains("message is not modified") else {
                throw error
            }
        }
    }

    public func answerCallbackQuery(id: String, text: String? = nil) async throws {
        var parameters: [String: Any] = ["callback_query_id": id]
        if let text { parameters["text"] = text }
        _ = try await call("answerCallbackQuery", parameters)
    }

    public func sendDocument(chatID: Int64, fileName: String, bytes: [UInt8], mimeType: String, caption: String? = nil)
        async throws
    {
        try await sendFile(
            "sendDocument", field: "document", chatID: chatID, fileName: fileName, bytes: bytes,
            mimeType: mimeType, caption: caption)
    }

    /// Sends an image (PNG or JPEG, at most 10 MB, as the Bot API allows for photos).
    public func sendPhoto(chatID: Int64, fileName: String, bytes: [UInt8], mimeType: String, caption: String? = nil)
        async throws
    {
        try await sendFile(
            "sendPhoto", field: "photo", chatID: chatID, fileName: fileName, bytes: bytes,
            mimeType: mimeType, caption: caption)
    }

    private func sendFile(
        _ method: String, field: String, chatID: Int64, fileName: String, bytes: [UInt8], mimeType: String,
        caption: String?
    ) async throws {
        var parts: [HTTPRequest.MultipartPart] = [
            .field("chat_id", String(chatID)),
            .init(name: field, data: bytes, fileName: fileName, contentType: mimeType),
        ]
        if let caption { parts.append(.field("caption", caption)) }
        _ = try await upload(method, parts)
    }

    /// The longest caption a photo may have (Bot API: 0–1024 characters after entities parsing).
    public static let maxCaptionCharacters = 1024

    /// The largest photo `sendPhoto` takes; bigger images go as documents.
    public static let maxPhotoBytes = 10 * 1024 * 1024

    /// The bytes of a file a user sent: `getFile`, then the file URL.
    public func downloadFile(fileID: String) async throws -> [UInt8] {
        let file = try await call("getFile", ["file_id": fileID])
        guard let path = file["file_path"]?.string else {
            throw TelegramAPIError.malformed(status: 200, snippet: "getFile gave no file_path")
        }
        do {
            let response = try await client.send(HTTPRequest(url: "\(baseURL)/file/bot\(token)/\(path)", timeout: 120))
            guard response.status == 200 else {
                throw TelegramAPIError.api(
                    code: response.status, description: "file download failed", retryAfter: nil,
                    migrateToChatID: nil)
            }
            return response.body
        } catch let error as HTTPError {
            throw TelegramAPIError.network(error)
        }
    }
}
