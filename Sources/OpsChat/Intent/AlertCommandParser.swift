import Foundation
import OpsCore

/// Reads the alert commands, which have a fixed shape ("snooze 12 2d"), before the free-text parser.
struct AlertCommandParser {
    static let listFiller: Set<String> = [
        "any", "open", "show", "list", "what", "whats", "are", "there", "me", "the", "my", "current", "all", "pls",
        "please", "new", "our",
    ]

    /// The command in `text`, or nil when it is not one (the free-text parser then reads it).
    func parse(_ text: String) -> AlertCommand? {
        let words = TextNormalizer.tokens(text)
        guard let first = words.first else { return nil }
        let rest = Array(words.dropFirst())
        // "any alerts?", "show me the open alerts": the list.
        let asked = words.filter { !Self.listFiller.contains($0) }
        if asked == ["alerts"] || asked == ["alert"], words.count > 1 { return .list }

        switch first {
        case "alerts", "alert":
            if rest.isEmpty || rest == ["list"] || rest == ["open"] { return .list }
            if rest == ["here"] || rest == ["on", "here"] { return .here(true) }
            if rest == ["off", "here"] || rest == ["off"] { return .here(false) }
            if rest == ["settings"] || rest == ["rules"] || rest == ["setting"] { return .settings }
            if rest.first == "history" {
                let query = rest.dropFirst().joined(separator: " ")
                return .history(query: query.isEmpty ? nil : query)
            }
            if rest.count == 1, let id = Int64(rest[0]) { return .show(id) }
            if rest.first == "me" || rest.first == "when" {
                return threshold(Array(rest.drop { $0 == "me" || $0 == "when" }))
            }
            return nil
        // A `where` after several patterns would guard only the last one: these check inside.
        case "no", "stop":
            return rest == ["alerts", "here"] ? .here(false) : nil
        case "open", "show", "list":
            return rest == ["alerts"] ? .list : nil
        case "tell", "warn", "notify":
            return rest.starts(with: ["me", "when"]) ? threshold(Array(rest.dropFirst(2))) : nil
        case "ack", "acknowledge", "acknowledged":
            return id(rest).map { .acknowledge($0) } ?? (rest.isEmpty ? .usage(Self.whichAlert("ack 12")) : nil)
        case "resolve", "resolved", "close":
            return id(rest).map { .resolve($0) } ?? (rest.isEmpty ? .usage(Self.whichAlert("resolve 12")) : nil)
        case "snooze":
            guard let id = id(rest) else { return rest.isEmpty ? .usage(Self.whichAlert("snooze 12 2d")) : nil }
            let duration = Array(rest.dropFirst())
            if duration.isEmpty { return .snooze(id, minutes: 24 * 60) }
            return Self.minutes(duration).map { .snooze(id, minutes: $0) }
                ?? .usage("Snooze for a time like 2d, 3h or 1w: “snooze \(id) 2d”.")
        case "assign":
            guard let id = id(rest) else { return rest.isEmpty ? .usage(Self.whichAlert("assign 12 to @name")) : nil }
            guard let to = text.range(of: " to ", options: .caseInsensitive) else { return .assign(id, to: nil) }
            let person = text[to.upperBound...].trimmingCharacters(in: .whitespaces)
            return .assign(id, to: person.isEmpty ? nil : person)
        case "set", "reorder":
            var words = first == "set" ? rest : words
            guard words.starts(with: ["reorder", "point"]) || words.starts(with: ["reorder", "level"]) else {
                return nil
            }
            words.removeFirst(2)
            words.removeAll { $0 == "for" || $0 == "to" || $0 == "of" || $0 == "at" }
            guard words.count >= 2, let quantity = Int(words.last!), quantity >= 0 else {
                return .usage("Say the product and the quantity: “set reorder point croissant 20”.")
            }
            guard quantity <= Self.maxQuantity else { return .usage(Self.tooLarge) }
            return .reorderPoint(product: words.dropLast().joined(separator: " "), quantity: quantity)
        case "mute", "unmute", "silence":
            guard let index = rest.firstIndex(where: { $0 == "alerts" || $0 == "alert" }) else { return nil }
            guard let kinds = Self.kinds(Array(rest[..<index])) else {
                return .usage(
                    "I can mute sales, stock, low stock, out of stock or cover alerts, or all of them: "
                        + "“mute sales alerts for 3 days”.")
            }
            if first == "unmute" { return .mute(kinds: kinds, minutes: nil) }
            var duration = Array(rest[(index + 1)...])
            if duration.first == "for" { duration.removeFirst() }
            if duration.isEmpty { return .mute(kinds: kinds, minutes: 24 * 60) }
            return Self.minutes(duration).map { .mute(kinds: kinds, minutes: $0) }
                ?? .usage("Mute for a time like 3d, 12h or 1w: “mute sales alerts for 3 days”.")
        default:
            return nil
        }
    }

    /// The largest quantity a threshold or reorder point may be, as for a stock count in a file.
    static let maxQuantity = 1_000_000_000
    static let tooLarge = "That's more than a shop stocks: give a quantity up to 1,000,000,000."

    static func whichAlert(_ example: String) -> String {
        "Which alert? Say “\(example)”; “alerts” lists the open ones."
    }

    private func id(_ words: [String]) -> Int64? { words.first.flatMap { Int64($0) }.flatMap { $0 > 0 ? $0 : nil } }

    /// "oat milk below 12", "oat milk is under 12", "oat milk goes below 12".
    private func threshold(_ words: [String]) -> AlertCommand? {
        let usage = AlertCommand.usage("Name the product and the quantity: “alert me when oat milk below 12”.")
        guard let index = words.lastIndex(where: { ["below", "under", "less", "lower", "fewer"].contains($0) }),
            let quantity = words[(index + 1)...].compactMap({ Int($0) }).first, quantity > 0
        else { return usage }
        guard quantity <= Self.maxQuantity else { return .usage(Self.tooLarge) }
        let product = words[..<index].filter { !["is", "goes", "gets", "drops", "falls", "stock", "of"].contains($0) }
        guard !product.isEmpty else { return usage }
        return .threshold(product: product.joined(separator: " "), below: quantity)
    }

    /// "sales", "stock", "low stock", "out of stock", "all" (or nothing).
    static func kinds(_ words: [String]) -> [AlertKind]? {
        let text = words.filter { $0 != "the" }.joined(separator: " ")
        switch text {
        case "", "all": return AlertKind.allCases
        case "sales", "sale": return [.salesDrop, .salesSpike]
        case "stock": return [.lowStock, .outOfStock, .daysOfCover]
        case "low stock", "low": return [.lowStock]
        case "out of stock", "out": return [.outOfStock]
        case "cover", "days of cover", "runs out": return [.daysOfCover]
        default: return nil
        }
    }

    /// "2d", "3 days", "90m", "1 week", "2h" → minutes.
    static func minutes(_ words: [String]) -> Int? {
        var words = words
        if words.count == 1, let last = words[0].last, last.isLetter, let number = Int(words[0].dropLast()) {
            words = [String(number), String(last)]
        } else if words.count == 1, let number = Int(words[0]) {
            words = [String(number), "d"]
        }
        guard words.count == 2, let number = Int(words[0]), number > 0, number <= 10_000 else { return nil }
        switch words[1] {
        case "m", "min", "mins", "minute", "minutes": return number
        case "h", "hr", "hrs", "hour", "hours": return number * 60
        case "d", "day", "days": return number * 24 * 60
        case "w", "wk", "week", "weeks": return number * 7 * 24 * 60
        default: return nil
        }
    }
}
