/// "reviews last month", "what do customers say about coffee": the reviews of a period, by theme.
public struct ReviewsQuery: Sendable, Equatable {
    public var period: Period
    /// What they were asked about ("coffee", "staff"); nil: everything.
    public var topic: String?

    static let words: Set<String> = ["reviews", "review", "feedback", "reviewed"]
    /// Asking the bot to write somewhere ("reply to the review on tripadvisor") is not asking what reviews say.
    static let doing: Set<String> = [
        "reply", "respond", "answer", "write", "post", "leave", "delete", "remove", "report",
    ]

    /// Nil when the message is not about reviews ("review period oat milk 14 days" is an ordering term).
    static func parse(_ m: MessageFeatures) -> ReviewsQuery? {
        let words = m.restWords
        let set = Set(words)
        let asksSay =
            (MessageFeatures.containsPhrase(words, ["customers", "say"])
                || MessageFeatures.containsPhrase(words, ["people", "say"])
                || MessageFeatures.containsPhrase(words, ["customers", "saying"])
                || MessageFeatures.containsPhrase(words, ["people", "saying"])
                || MessageFeatures.containsPhrase(words, ["customers", "think"]))
        guard asksSay || !set.isDisjoint(with: Self.words),
            set.isDisjoint(with: ["period", "every", "days", "weeks", "reorder", "order", "alert", "alerts"]),
            set.isDisjoint(with: Self.doing)
        else { return nil }
        var topic: String?
        if let about = words.lastIndex(of: "about") ?? words.lastIndex(of: "on"), about + 1 < words.count {
            let rest = words[(about + 1)...].filter { !["the", "our", "my", "a", "an"].contains($0) }
            if !rest.isEmpty { topic = rest.joined(separator: " ") }
        }
        return ReviewsQuery(period: m.period ?? .lastDays(30), topic: topic)
    }
}
