import Foundation

/// Reads money and quantities the way shops write them: "1,234.56", "$12.50", "€12,50", "(12.50)", "-$3".
///
/// `decimalComma` is on for files that use `;` between fields, where "12,50" means twelve and a half.
/// A value with both separators takes the last one as the decimal point ("1.234,56", "1,234.56").
public struct NumberParser: Sendable {
    public let decimalComma: Bool

    public init(decimalComma: Bool) { self.decimalComma = decimalComma }

    /// Minor units with `digits` decimal places (2 for cents), or nil when the text is not an amount.
    /// More decimals than the currency has are rounded half away from zero.
    public func money(_ text: String, digits: Int) -> Int? {
        plainMoney(text, digits: digits) ?? moneyAsWritten(text, digits: digits)
    }

    /// `money` for any way of writing an amount (internal for the test that holds the fast path to it).
    func moneyAsWritten(_ text: String, digits: Int) -> Int? {
        guard let (negative, whole, fraction) = split(text) else { return nil }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        guard let wholeValue = Int(whole.isEmpty ? "0" : whole), wholeValue < Int.max / scale / 10 else { return nil }
        var minor = 0
        var fractionDigits = Array(fraction)
        let roundUp = fractionDigits.count > digits && fractionDigits[digits] >= "5"
        fractionDigits = Array(fractionDigits.prefix(digits))
        while fractionDigits.count < digits { fractionDigits.append("0") }
        for digit in fractionDigits { minor = minor * 10 + Int(String(digit))! }
        var value = wholeValue * scale + minor + (roundUp ? 1 : 0)
        if negative { value = -value }
        return value
    }

    /// A whole number of units ("3", "3.0", "1,200", "-2"); nil for anything else, fractions included.
    public func wholeNumber(_ text: String) -> Int? {
        plainWholeNumber(text) ?? wholeNumberAsWritten(text)
    }

    /// `wholeNumber` for any way of writing one (internal, as `moneyAsWritten`).
    func wholeNumberAsWritten(_ text: String) -> Int? {
        guard let (negative, whole, fraction) = split(text), fraction.allSatisfy({ $0 == "0" }),
            let value = Int(whole.isEmpty ? "0" : whole), !(whole.isEmpty && fraction.isEmpty)
        else { return nil }
        return negative ? -value : value
    }

    /// True when the text is a number with more whole digits than any amount a shop writes, for a precise error
    /// message ("9223372036854775808" is too large, not "not a number").
    public func isTooLarge(_ text: String) -> Bool {
        guard let (_, whole, _) = split(text) else { return false }
        return whole.drop(while: { $0 == "0" }).count > 15
    }

    /// True when the text is a number with a fractional part ("1.5"), for a precise error message.
    public func isFraction(_ text: String) -> Bool {
        guard let (_, _, fraction) = split(text) else { return false }
        return fraction.contains { $0 != "0" }
    }

    /// The minor units of a plain amount ("12", "-3", "12.50", "-.5") read straight from its bytes, or nil for
    /// anything else, which `split` then reads (and may refuse). Most files write most amounts this way; the
    /// result is the one the general path gives.
    private func plainMoney(_ text: String, digits: Int) -> Int? {
        let amount: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty, bytes.count < 19 else { return nil }
            var index = 0
            let negative = bytes[0] == UInt8(ascii: "-")
            if negative { index = 1 }
            var whole = 0
            var seenDigit = false
            while index < bytes.count, let digit = Self.digit(bytes[index]) {
                whole = whole * 10 + digit
                seenDigit = true
                index += 1
            }
            var fraction = 0
            var fractionDigits = 0
            var roundUp = false
            if index < bytes.count {
                guard bytes[index] == UInt8(ascii: "."), !decimalComma else { return nil }
                index += 1
                while index < bytes.count {
                    guard let digit = Self.digit(bytes[index]) else { return nil }
                    if fractionDigits < digits {
                        fraction = fraction * 10 + digit
                    } else if fractionDigits == digits {
                        roundUp = digit >= 5
                    }
                    fractionDigits += 1
                    seenDigit = true
                    index += 1
                }
            }
            var scale = 1
            for _ in 0..<digits { scale *= 10 }
            guard seenDigit, whole < Int.max / scale / 10 else { return nil }
            for _ in min(fractionDigits, digits)..<digits { fraction *= 10 }
            let value = whole * scale + fraction + (roundUp ? 1 : 0)
            return negative ? -value : value
        }
        return amount ?? nil
    }

    /// A plain whole number ("3", "-2") read straight from its bytes, or nil for anything else (see `split`).
    private func plainWholeNumber(_ text: String) -> Int? {
        let number: Int?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.isEmpty, bytes.count < 19 else { return nil }
            let negative = bytes[0] == UInt8(ascii: "-")
            guard bytes.count > (negative ? 1 : 0) else { return nil }
            var value = 0
            for byte in bytes[(negative ? 1 : 0)...] {
                guard let digit = Self.digit(byte) else { return nil }
                value = value * 10 + digit
            }
            return negative ? -value : value
        }
        return number ?? nil
    }

    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
    }

    /// "12", "-3", "12.50": plain numbers, read without building strings character by character.
    private func plain(_ text: String) -> (Bool, String, String)? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count < 19 else { return nil }
        var negative = false
        var dot: String.UTF8View.Index?
        var digits = 0
        for index in utf8.indices {
            let byte = utf8[index]
            if byte >= 0x30 && byte <= 0x39 {
                digits += 1
            } else if byte == UInt8(ascii: "-") && index == utf8.startIndex {
                negative = true
            } else if byte == UInt8(ascii: ".") && dot == nil && !decimalComma {
                dot = index
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        let start = negative ? utf8.index(after: utf8.startIndex) : utf8.startIndex
        guard let dot else { return (negative, String(text[start...]), "") }
        return (negative, String(text[start..<dot]), String(text[utf8.index(after: dot)...]))
    }

    /// Sign, whole digits and fraction digits; nil when anything but a number and currency marks is there.
    private func split(_ text: String) -> (Bool, String, String)? {
        if let plain = plain(text) { return plain }
        var body = text.trimmingCharacters(in: .whitespacesAndNewlinesIncludingNBSP)
        guard !body.isEmpty else { return nil }
        var negative = false
        if body.hasPrefix("(") && body.hasSuffix(")") {
            negative = true
            body = String(body.dropFirst().dropLast())
        }
        var digitsAndMarks = ""
        var signAfterDigits = false
        var textAfterDigits = false
        for character in body {
            if character.isNumber && character.isASCII || character == "." || character == "," {
                // A sign or a word between digits ("1-2", "12x3") is not an amount.
                if character.isNumber && (signAfterDigits || textAfterDigits) { return nil }
                digitsAndMarks.append(character)
            } else if character == "-" || character == "−" {
                if !digitsAndMarks.isEmpty { signAfterDigits = true }
                negative.toggle()
            } else if character == "+" || character == " " || character == "\u{00A0}" || character == "'"
                || character == "’" || character.isLetter || character.isCurrencySymbol
            {
                // Currency signs and codes, spaces and apostrophes used as thousands marks.
                if character.isLetter && !digitsAndMarks.isEmpty { textAfterDigits = true }
                continue
            } else {
                return nil
            }
        }
        guard digitsAndMarks.contains(where: \.isNumber) else { return nil }
        let lastDot = digitsAndMarks.lastIndex(of: ".")
        let lastComma = digitsAndMarks.lastIndex(of: ",")
        var decimal: String.Index?
        switch (lastDot, lastComma) {
        case (let dot?, let comma?): decimal = max(dot, comma)
        case (let dot?, nil):
            let dots = digitsAndMarks.filter { $0 == "." }.count
            let after = digitsAndMarks.distance(from: dot, to: digitsAndMarks.endIndex) - 1
            // "1.234" in a decimal-comma file, or "1.234.567" anywhere, groups thousands.
            decimal = dots > 1 || (decimalComma && after == 3) ? nil : dot
        case (nil, let comma?):
            let commas = digitsAndMarks.filter { $0 == "," }.count
            decimal = decimalComma && commas == 1 ? comma : nil
        case (nil, nil): decimal = nil
        }
        // Thousands groups after the first have exactly three digits: "1,234,567" but not "12.5.6".
        let wholePart = decimal.map { digitsAndMarks[..<$0] } ?? Substring(digitsAndMarks)
        let groups = wholePart.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "." || $0 == "," })
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return nil
            }
        }
        let whole: String
        let fraction: String
        if let decimal {
            whole = digitsAndMarks[..<decimal].filter(\.isNumber)
            fraction = String(digitsAndMarks[digitsAndMarks.index(after: decimal)...])
            guard fraction.allSatisfy(\.isNumber) else { return nil }
        } else {
            whole = digitsAndMarks.filter(\.isNumber)
            fraction = ""
        }
        return (negative, whole, fraction)
    }
}

extension Character {
    var isCurrencySymbol: Bool {
        unicodeScalars.first.map { $0.properties.generalCategory == .currencySymbol } ?? false
    }
}

extension CharacterSet {
    static let whitespacesAndNewlinesIncludingNBSP = CharacterSet.whitespacesAndNewlines.union(["\u{00A0}"])
}
