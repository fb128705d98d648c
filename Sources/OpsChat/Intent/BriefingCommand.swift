/// The messages the bot sends unasked, asked for or pointed at a chat.
public enum BriefingCommand: Sendable, Equatable {
    /// "summary", "daily summary": yesterday in five lines.
    case summary
    /// "summary here": the morning summary and the weekly insights come to this chat.
    case here
    /// "weekly insights", "anything unusual this week", "what's selling better than usual": last week's cards.
    case insights

    static let words: Set<String> = ["summary", "summaries", "briefing", "digest"]
    static let allowed: Set<String> = [
        "daily", "morning", "yesterday", "yesterdays", "the", "me", "send", "give", "my", "our", "todays", "pls",
        "please", "show", "whats", "what",
    ]

    /// "summary", "morning summary", "send me the daily summary", "summaries here"; not "sales summary", which
    /// asks for sales.
    static func parse(_ words: [String]) -> BriefingCommand? {
        let set = Set(words)
        if set.contains("insights") || set.contains("insight") || set.contains("unusual")
            || MessageFeatures.containsPhrase(words, ["than", "usual"])
            || MessageFeatures.containsPhrase(words, ["weekly", "summary"])
        {
            return words.count <= 8 ? .insights : nil
        }
        guard words.contains(where: Self.words.contains), words.count <= 6 else { return nil }
        let rest = words.filter { !Self.words.contains($0) }
        if rest.contains("here") {
            return rest.allSatisfy {
                $0 == "here" || allowed.contains($0) || ["to", "in", "this", "chat", "go"].contains($0)
            }
                ? .here : nil
        }
        return rest.allSatisfy(allowed.contains) ? .summary : nil
    }
}
