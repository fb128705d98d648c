/// "help", "what can you do", "/start": what the bot understands, with examples to copy.
struct HelpHandler {
    func reply(topic: String?, context: HandlerContext) -> Reply {
        switch topic {
        case "stock", "inventory", "low":
            return Reply(blocks: [
                .title("Stock"),
                .text(
                    "• stock low? — products at or below their reorder point, most urgent first\n"
                        + "• stock oat milk — one product: quantity, reorder point, last sale\n"
                        + "• how many croissants left — the same, in your own words"),
            ])
        case "sales", "revenue", "takings":
            return Reply(blocks: [
                .title("Sales"),
                .text(
                    "• sales today — so far today, against the same time a week ago\n"
                        + "• sales yesterday — the whole day, against the same day last week\n"
                        + "• sales this week / last week"),
            ])
        default:
            return Reply(
                blocks: [
                    .title("OpsBot for \(context.org.name)"),
                    .text(
                        "Ask in your own words:\n"
                            + "• stock low? — what needs reordering\n"
                            + "• stock oat milk — one product's stock\n"
                            + "• sales today / yesterday / this week\n"
                            + "• settings — shop name, time zone, currency\n"
                            + "Slash commands work too: /stock /sales /help"),
                ],
                buttons: [
                    Reply.Button(label: "Stock low?", action: "stock low?"),
                    Reply.Button(label: "Sales today", action: "sales today"),
                ])
        }
    }
}
