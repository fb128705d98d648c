import OpsChat

/// Which messages in a group chat are for the bot, and which of its replies it posts there — the same on every
/// platform. In a group the bot answers commands addressed to it, mentions of it, replies to its own messages
/// and messages it understands, and never posts "I didn't get that"; in a private chat it answers everything.
public struct GroupChatPolicy: Sendable {
    /// The bot's name on the platform ("CornerBot"); empty when unknown.
    public let botUsername: String

    public init(botUsername: String) { self.botUsername = botUsername }

    /// The words to answer, or nil when the message is not for the bot. "/ask words" is the words themselves,
    /// for groups where the platform shows bots commands only (Telegram's privacy mode).
    public func text(
        of raw: String, inGroup: Bool, repliesToBot: Bool, understands: (String) async -> Bool
    ) async -> String? {
        var text = raw
        guard !text.isEmpty else { return nil }
        if text.hasPrefix("/ask") {
            text = String(text.drop(while: { $0 != " " })).trimmingCharacters(in: .whitespaces)
        }
        guard inGroup else { return text }
        let mentioned = !botUsername.isEmpty && text.lowercased().contains("@" + botUsername.lowercased())
        if text.hasPrefix("/") {
            // "/stock@OtherBot" is for another bot.
            if text.split(separator: " ").first?.contains("@") == true && !mentioned { return nil }
        } else if !mentioned && !repliesToBot {
            guard await understands(text) else { return nil }
        }
        return text
    }

    /// Whether `reply` goes out: in a group, a reply to a message that matched nothing does not.
    public func posts(_ reply: Reply, inGroup: Bool) -> Bool { !(inGroup && reply.kind == .notUnderstood) }
}
