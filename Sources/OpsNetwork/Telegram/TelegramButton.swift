/// An inline keyboard button. Telegram limits `callback_data` to 64 bytes.
public struct TelegramButton: Sendable, Equatable {
    public let text: String
    public let callbackData: String

    public static let maxCallbackBytes = 64

    /// Nil when the action does not fit in 64 bytes of UTF-8.
    public init?(text: String, callbackData: String) {
        guard !callbackData.isEmpty, callbackData.utf8.count <= Self.maxCallbackBytes else { return nil }
        self.text = text
        self.callbackData = callbackData
    }

    static func markup(_ rows: [[TelegramButton]]) -> [String: Any] {
        ["inline_keyboard": rows.map { row in row.map { ["text": $0.text, "callback_data": $0.callbackData] } }]
    }
}
