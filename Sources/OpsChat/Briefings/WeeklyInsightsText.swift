import Foundation
import OpsCore

/// The weekly insights: at most five cards, most money first, each a line of finding and a line of action,
/// with a button where the action is one; a quiet week in one line.
struct WeeklyInsightsText {
    let org: Org
    let now: Date
    /// Wages are for managers and owners: a message to a chat with staff in it says the hours only.
    var showsWages = true

    func reply(_ cards: [WeeklyInsights.Card], week: (start: Date, end: Date)) -> Reply {
        let money = MoneyFormatter(currency: org.currency)
        let dates = DateText(calendar: org.calendar)
        let span = PeriodText(calendar: org.calendar, now: now).span(week.start, week.end, partial: false)
        guard !cards.isEmpty else {
            return .text(
                "Last week (\(span)) was quiet: no stock-outs, trends, margin or staffing worth your time.")
        }
        var lines = ["Last week (\(span)): \(cards.count) thing\(cards.count == 1 ? "" : "s") worth a look"]
        var buttons: [Reply.Button] = []
        for (number, card) in cards.enumerated() {
            let amount = money.format(card.money)
            let (finding, action, button): (String, String, Reply.Button?)
            switch card.kind {
            case .lostSales(let product, let days, let units):
                finding =
                    "\(product) was out \(days) day\(days == 1 ? "" : "s"): about \(NumberText.short(units)) "
                    + "not sold, \(amount)."
                action = "Order it sooner: “lead time \(product.lowercased()) …” or “what should I order”."
                button = .init(label: "Order \(product)", action: "what should I order")
            case .trend(let product, let actual, let usual):
                let up = actual > usual
                finding =
                    "\(product) sold \(NumberText.short(actual)) against a usual \(NumberText.short(usual)) "
                    + "(\(up ? "+" : "−")\(amount))."
                action = up ? "Stock up before it runs out." : "Check its price, place or quality; order less."
                button = .init(label: "How is \(product) doing", action: "how is \(product.lowercased()) doing")
            case .anomaly(let product, let day, let actual, let usual):
                finding =
                    "\(product) on \(dates.day(day, now: now)): \(NumberText.short(actual)) sold where "
                    + "\(NumberText.short(usual)) is usual (\(amount))."
                action = "A one-off (an event, a big order, a miscount)? Worth a look."
                button = .init(label: "Chart \(product)", action: "chart \(product.lowercased()) last 30 days")
            case .margin(let current, let before):
                finding = String(
                    format: "Margin slipped to %.1f%% of costed sales from %.1f%% (%@).", current * 100, before * 100,
                    amount)
                action = "Check recent cost changes and discounts."
                button = .init(label: "Margins by category", action: "margin by category last week")
            case .overstaffed(let hours, let people):
                finding =
                    "\(hours) hour\(hours == 1 ? "" : "s") had more staff than sales needed "
                    + "(\(NumberText.short(people)) people-hours" + (showsWages ? ", \(amount) of wages)." : ").")
                action = "Trim those hours on the next rota."
                button = .init(label: "Overstaffed hours", action: "overstaffed hours last week")
            case .understaffed(let hours, _):
                finding =
                    "\(hours) hours were short of staff for their sales"
                    + (showsWages ? " (adding them: about \(amount) of wages)." : ".")
                action = "Add someone at those times."
                button = .init(label: "Understaffed hours", action: "understaffed last week")
            }
            lines.append("\(number + 1). \(finding)\n   \(action)")
            if let button, !buttons.contains(button) { buttons.append(button) }
        }
        return Reply(blocks: [.text(lines.joined(separator: "\n"))], buttons: Array(buttons.prefix(4)))
    }
}
