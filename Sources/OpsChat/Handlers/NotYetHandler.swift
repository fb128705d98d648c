/// A question of a kind the bot cannot answer yet: it says what it understood and the closest things it can
/// do, and answers nothing else in its place. Groups hear nothing (`Reply.Kind.notUnderstood`).
struct NotYetHandler {
    func reply(_ topic: NotYetTopic) -> Reply {
        Reply(
            blocks: [
                .text(
                    "I can't answer that yet: it asks about \(topic.asked). I can do "
                        + topic.suggestions.map { "“\($0)”" }.joined(separator: " or ") + ", or “help”.")
            ],
            buttons: topic.suggestions.map { Reply.Button(label: $0, action: $0) }, kind: .notUnderstood)
    }
}
