/// Turns what people type on a phone into lower-case word tokens: no punctuation, emoji or bot names.
///
/// A leading slash command keeps its word ("/sales@CornerBot today" → ["sales", "today"]), so slash
/// commands and plain words go through the same parser.
enum TextNormalizer {
    static func tokens(_ text: String) -> [String] {
        // Most names and messages are ASCII: read as bytes, the same tokens at a tenth of the cost (a shop's
        // 5,000 product names are tokenised at every start of `opsbot ask`).
        asciiTokens(text) ?? unicodeTokens(text)
    }

    static func unicodeTokens(_ text: String) -> [String] {
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

    /// `tokens` for ASCII text without a leading slash; nil otherwise.
    static func asciiTokens(_ text: String) -> [String]? {
        let utf8 = text.utf8
        guard utf8.first != UInt8(ascii: "/") else { return nil }
        return utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            var tokens: [String] = []
            var current: [UInt8] = []
            func finish() {
                func trimmed(_ byte: UInt8) -> Bool {
                    byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_")
                }
                var start = 0
                var end = current.count
                while start < end, trimmed(current[start]) { start += 1 }
                while end > start, trimmed(current[end - 1]) { end -= 1 }
                if start < end { tokens.append(String(decoding: current[start..<end], as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            }
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                switch byte {
                case UInt8(ascii: "'"): continue
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "/"):
                    current.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
                case UInt8(ascii: "_"), UInt8(ascii: "-"):
                    if current.isEmpty { finish() } else { current.append(byte) }
                default: finish()
                }
            }
            finish()
            return tokens
        } ?? nil
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
