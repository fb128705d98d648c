import OpsChat

/// Renders a reply as Telegram HTML: the title bold, tables in `<pre>`, everything escaped, and messages
/// split on line boundaries to fit Telegram's 4,096 characters. Buttons go under the last message,
/// two to a row; an action too long for `callback_data` is left out rather than cut.
public enum TelegramRenderer {
    public static let maxLength = 4096

    public struct Message: Sendable, Equatable {
        public let html: String
        public let keyboard: [[TelegramButton]]
    }

    public static func render(_ reply: Reply) -> [Message] {
        var pieces: [String] = []
        for block in reply.blocks {
            switch block {
            case .title(let text): pieces.append("<b>\(escape(text))</b>")
            case .text(let text): pieces.append(escape(text))
            case .table(let table): pieces.append("<pre>\(escape(table.rendered()))</pre>")
            }
        }
        let chunks = split(pieces.joined(separator: "\n"))
        let buttons = reply.buttons.compactMap { TelegramButton(text: $0.label, callbackData: $0.action) }
        let keyboard = stride(from: 0, to: buttons.count, by: 2).map { Array(buttons[$0..<min($0 + 2, buttons.count)]) }
        return chunks.enumerated().map { index, chunk in
            Message(html: chunk, keyboard: index == chunks.count - 1 ? keyboard : [])
        }
    }

    /// Telegram's HTML mode needs exactly these three escaped.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Splits on line boundaries, keeping `<pre>` blocks balanced across the cut; a single line longer than
    /// the limit is cut hard.
    static func split(_ html: String) -> [String] {
        guard html.count > maxLength else { return [html] }
        var messages: [String] = []
        var current = ""
        var inPre = false
        for rawLine in html.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            while line.count > maxLength - 12 {
                let head = String(line.prefix(maxLength - 12))
                flush(&messages, &current, inPre: inPre)
                messages.append((inPre ? "<pre>" : "") + head + (inPre ? "</pre>" : ""))
                line = String(line.dropFirst(head.count))
            }
            let closingReserve = inPre ? 6 : 0
            if current.count + line.count + 1 + closingReserve > maxLength {
                flush(&messages, &current, inPre: inPre)
            }
            current += (current.isEmpty ? "" : "\n") + line
            let opens = line.components(separatedBy: "<pre>").count - 1
            let closes = line.components(separatedBy: "</pre>").count - 1
            if opens > closes { inPre = true } else if closes > opens { inPre = false }
        }
        if !current.isEmpty { messages.append(current) }
        return messages
    }

    private static func flush(_ messages: inout [String], _ current: inout String, inPre: Bool) {
        guard !current.isEmpty else {
            if inPre { current = "<pre>" }
            return
        }
        messages.append(current + (inPre ? "</pre>" : ""))
        current = inPre ? "<pre>" : ""
    }
}
