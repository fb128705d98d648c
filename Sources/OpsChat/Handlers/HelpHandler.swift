/// "help", "what can you do", "/start": what the bot understands, with examples to copy — read from the same
/// table of rules the parser uses (`IntentRules`), so what help offers is what parses.
struct HelpHandler {
    /// The topic `help <word>` asks for, if one of its names.
    static func topic(named word: String) -> HelpTopic? { HelpTopic.allCases.first { $0.names.contains(word) } }

    /// A topic's lines: its rules' help lines, in the table's order.
    static func lines(_ topic: HelpTopic) -> [String] {
        IntentRules.all.filter { $0.topic == topic }.flatMap(\.help)
    }

    func reply(topic: String?, context: HandlerContext) -> Reply {
        if let topic, let match = Self.topic(named: topic) {
            return Reply(blocks: [
                .title(match.title), .text(Self.lines(match).map { "• " + $0 }.joined(separator: "\n")),
            ])
        }
        let summaries = IntentRules.all.compactMap(\.summary) + ["send a CSV to import sales or stock"]
        return Reply(
            blocks: [
                .title("OpsBot for \(context.org.name)"),
                .text(
                    "Ask in your own words:\n" + summaries.map { "• \($0)\n" }.joined()
                        + "More: " + HelpTopic.allCases.map { "help \($0.rawValue)" }.joined(separator: ", ") + ".\n"
                        + "Slash commands work too: /stock /sales /top /help"),
            ],
            buttons: [
                Reply.Button(label: "Stock low?", action: "stock low?"),
                Reply.Button(label: "Sales today", action: "sales today"),
            ])
    }
}
