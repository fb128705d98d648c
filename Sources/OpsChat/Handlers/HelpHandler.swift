/// "help", "what can you do", "/start": what the bot understands, with examples to copy.
struct HelpHandler {
    static let topics: [(names: Set<String>, title: String, lines: [String])] = [
        (
            ["stock", "inventory", "low", "out"], "Stock",
            [
                "stock low? — at or below the reorder point, most urgent first",
                "what's out of stock — nothing left, most missed first",
                "stock oat milk / how many eggs left — one product",
                "stock dairy — a whole category",
                "stock-outs last week — what ran out, and for how long",
            ]
        ),
        (
            ["sales", "revenue", "takings", "money", "margin"], "Sales",
            [
                "sales today — so far, against the same time a week ago",
                "how did we do last week / revenue this month",
                "sales last 7 days, /sales 30d, sales since monday",
                "sales on saturday, sales in october, sales 1-15 nov",
                "Margin shows where products have a cost.",
            ]
        ),
        (
            ["top", "products", "best", "worst", "trend", "sellers"], "Products",
            [
                "top 5 products this week / worst sellers in bakery last month",
                "top 10 by units, most profitable products",
                "how is oat milk doing / trend croissant 30 days",
            ]
        ),
        (
            ["alerts", "alert", "ack", "snooze", "assign", "mute"], "Alerts",
            [
                "alerts — the open ones, most severe first; alert 12 — one, with buttons",
                "ack 12 / assign 12 to @maria / snooze 12 2d / resolve 12",
                "alert history oat milk — a product's alerts and where they were sent",
                "alert me when oat milk below 12 / set reorder point croissant 20",
                "mute sales alerts for 3 days / unmute sales alerts",
                "alert settings / alerts here / no alerts here",
            ]
        ),
        (
            ["patterns", "hours", "weekends", "weekdays", "busy", "categories", "category"], "Patterns",
            [
                "are weekends better / best day of the week",
                "busiest hours this month",
                "sales by category last week",
            ]
        ),
    ]

    func reply(topic: String?, context: HandlerContext) -> Reply {
        if let topic, let match = Self.topics.first(where: { $0.names.contains(topic) }) {
            return Reply(blocks: [.title(match.title), .text(match.lines.map { "• " + $0 }.joined(separator: "\n"))])
        }
        return Reply(
            blocks: [
                .title("OpsBot for \(context.org.name)"),
                .text(
                    "Ask in your own words:\n"
                        + "• stock low? — what needs reordering\n"
                        + "• stock oat milk — one product's stock\n"
                        + "• sales today / yesterday / last week\n"
                        + "• top 5 products this week\n"
                        + "• how is oat milk doing\n"
                        + "• busiest hours, are weekends better\n"
                        + "• alerts — what needs attention; ack 12, snooze 12 2d\n"
                        + "• send a CSV to import sales or stock\n"
                        + "More: help stock, help sales, help products, help alerts, help patterns.\n"
                        + "Slash commands work too: /stock /sales /top /help"),
            ],
            buttons: [
                Reply.Button(label: "Stock low?", action: "stock low?"),
                Reply.Button(label: "Sales today", action: "sales today"),
            ])
    }
}
