/// Turns what people type on a phone into lower-case word tokens: no punctuation, emoji or bot names.
///
/// A leading slash command keeps its word ("/sales@CornerBot today" → ["sales", "today"]), so slash
/// commands and plain words go through the same parser.
enum TextNormalizer {
    static func tokens(_ text: String) -> [String] {
        var text = text.lowercased()
        if text.hasPrefix("/") {
            text.removeFirst()
            // "/cmd@BotName rest": drop the bot's name from the command word.
            if let at = text.firstIndex(of: "@") {
                let end = text[at...].firstIndex(where: { $0 == " " || $0 == "\n" }) ?? text.endIndex
                text.removeSubrange(at..<end)
            }
        }
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "'" || character == "’" { continue }
            if character.isLetter || character.isNumber || character == "/" || character == "_" && !current.isEmpty {
                current.append(character)
            } else if character == "-" && !current.isEmpty {
                current.append(character)
            } else {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens.map { $0.trimming(["-", "/", "_"]) }.filter { !$0.isEmpty }
    }
}

extension String {
    func trimming(_ set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
