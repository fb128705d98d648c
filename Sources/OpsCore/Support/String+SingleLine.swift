extension String {
    /// The text on one line: each run of line breaks and tabs (with the spaces around them) becomes one space.
    /// Names read from files may hold a line break ("Wildflower Honey\nJar"); shown as they are, a table's
    /// figures land on a line without the name, and an email's subject breaks. Most text has none, and costs
    /// one look at its bytes (this runs on every row of an import).
    package var singleLine: String {
        // 0xC2 and 0xE2 lead the UTF-8 of U+0085 and U+2028/2029, the other line breaks.
        guard utf8.contains(where: { $0 >= 0x09 && $0 <= 0x0D || $0 == 0xC2 || $0 == 0xE2 }) else { return self }
        var result = ""
        var pendingBreak = false
        for character in self {
            if character.isNewline || character == "\t" || character == "\u{0B}" || character == "\u{0C}" {
                pendingBreak = true
            } else if pendingBreak && character == " " {
                continue
            } else {
                if pendingBreak {
                    while result.last == " " { result.removeLast() }
                    if !result.isEmpty { result.append(" ") }
                }
                pendingBreak = false
                result.append(character)
            }
        }
        return result
    }
}
