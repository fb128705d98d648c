/// A payment's items written in one cell, as Square's Transactions and Loyverse's receipts exports do:
/// "Croissant (Regular) x 2, Latte x 1" or "2 x Croissant, 1 x Latte". An item without a count is one unit;
/// Square's default variation "(Regular)" is no part of the name.
enum ItemList {
    struct Item: Equatable {
        let name: String
        let quantity: Int
    }

    static func parse(_ text: String) -> [Item] {
        text.split(separator: ",").compactMap { entry in
            let words = entry.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(String.init)
            guard !words.isEmpty else { return nil }
            var quantity = 1
            var name = words
            if words.count >= 3, let count = Int(words[0]), isTimes(words[1]) {
                quantity = count
                name = Array(words.dropFirst(2))
            } else if words.count >= 3, let count = Int(words[words.count - 1]), isTimes(words[words.count - 2]) {
                quantity = count
                name = Array(words.dropLast(2))
            } else if words.count >= 2, let last = words.last, isTimes(String(last.prefix(1))),
                let count = Int(last.dropFirst())
            {
                // "Latte x2"
                quantity = count
                name = Array(words.dropLast())
            }
            var joined = name.joined(separator: " ")
            for plain in [" (Regular)", " (Default)", " (Default Title)"] where joined.hasSuffix(plain) {
                joined.removeLast(plain.count)
            }
            guard quantity > 0, quantity <= ImportLimits.maxQuantity, !joined.isEmpty else { return nil }
            return Item(name: joined.singleLine, quantity: quantity)
        }
    }

    private static func isTimes(_ word: String) -> Bool { word == "x" || word == "X" || word == "×" }
}
