import Foundation

/// Reads the dates and times found in till exports and spreadsheets.
///
/// ISO 8601 with or without `T`, seconds, fractions and offsets (`2024-03-05 14:03:00 -0500`); slashed,
/// dashed and dotted dates (`03/05/2024`, `3/5/24 1:17 PM`, `05.03.2024`); `16-Dec-2023 02:44 AM EST`.
/// Whether `03/05/2024` is March or May comes from `order`, which the importer decides from the whole
/// file's values. Times without an offset are in `timeZone`. Fast enough for a million rows: no Calendar
/// calls, and the zone's offset cached per local hour.
public struct DateTimeParser: Sendable {
    public enum Order: Sendable, Equatable {
        case monthFirst
        case dayFirst
    }

    public let timeZone: TimeZone
    public var order: Order
    private var offsets: [Int: Int] = [:]

    public init(timeZone: TimeZone, order: Order) {
        self.timeZone = timeZone
        self.order = order
    }

    /// The default order for a shop: month first in the Americas (as US tills write), day first elsewhere.
    public static func defaultOrder(for timeZone: TimeZone) -> Order {
        timeZone.identifier.hasPrefix("America/") || timeZone.identifier.hasPrefix("US/") ? .monthFirst : .dayFirst
    }

    /// What one value says about the day/month order: `13/05/2024` can only be day first.
    public static func evidence(_ text: String) -> Order? {
        let parts =
            text.split(whereSeparator: { $0 == " " || $0 == "T" }).first?
            .split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }) ?? []
        guard parts.count == 3, parts[0].count <= 2, let first = Int(parts[0]), let second = Int(parts[1]) else {
            return nil
        }
        if first > 12 && second <= 12 { return .dayFirst }
        if second > 12 && first <= 12 { return .monthFirst }
        return nil
    }

    /// True when the value's date has the ambiguous "A/B/YYYY" shape.
    public static func isAmbiguousShape(_ text: String) -> Bool {
        let date = text.split(separator: " ").first ?? ""
        let parts = date.split(whereSeparator: { $0 == "/" || $0 == "-" })
        return parts.count == 3 && parts[0].count <= 2 && parts[1].count <= 2 && Int(parts[1]) != nil
    }

    public mutating func parse(_ text: String) -> Date? {
        parse(date: text, time: nil)
    }

    /// A date and a separate time column (Square's "Date" and "Time"), optionally in another zone.
    public mutating func parse(date dateText: String, time timeText: String?, zone: TimeZone? = nil) -> Date? {
        var scanner = Scanner(Array(dateText.utf8))
        scanner.skipSpaces()
        // A year a till could have written: "12/03/99999" is a typo to report, not a sale in the far future.
        guard let (year, month, day) = scanDate(&scanner), (1900...2200).contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(year, month)
        else { return nil }
        var seconds = 0
        var offset: Int?
        scanner.skip(UInt8(ascii: "T"))
        scanner.skipSpaces()
        if !scanner.atEnd {
            guard let (time, timeOffset) = scanTime(&scanner), scanner.atEnd else { return nil }
            seconds = time
            offset = timeOffset
        }
        if let timeText, timeText.utf8.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
            var timeScanner = Scanner(Array(timeText.utf8))
            timeScanner.skipSpaces()
            guard let (time, timeOffset) = scanTime(&timeScanner), timeScanner.atEnd else { return nil }
            seconds = time
            offset = timeOffset ?? offset
        }
        let local = CivilDate(year: year, month: month, day: day).daysSince1970 * 86_400 + seconds
        let utc = local - (offset ?? zoneOffset(local: local, zone: zone))
        return Date(timeIntervalSince1970: TimeInterval(utc))
    }

    /// The offset at a local time in `zone`, or in the shop's zone when nil; the shop's offsets are
    /// cached per local hour (DST changes fall on hour boundaries).
    private mutating func zoneOffset(local: Int, zone: TimeZone?) -> Int {
        let hour = local / 3600
        if zone == nil, let cached = offsets[hour] { return cached }
        let zone = zone ?? timeZone
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - guess)))
        if zone == timeZone { offsets[hour] = offset }
        return offset
    }

    private func scanDate(_ scanner: inout Scanner) -> (Int, Int, Int)? {
        guard let (first, firstDigits) = scanner.number() else { return nil }
        guard let separator = scanner.peek,
            [UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: " ")].contains(separator)
        else {
            // 20240305
            guard firstDigits == 8 else { return nil }
            return (first / 10000, first / 100 % 100, first % 100)
        }
        scanner.advance()
        if firstDigits == 4 {
            guard let (month, _) = scanner.number(), scanner.skip(separator), let (day, _) = scanner.number() else {
                return nil
            }
            return (first, month, day)
        }
        if let monthName = scanner.word(), let month = Self.month(monthName) {
            // 16-Dec-2023, 16 Dec 2023
            guard scanner.skip(separator), let (year, yearDigits) = scanner.number() else { return nil }
            return (Self.fullYear(year, yearDigits), month, first)
        }
        guard let (second, _) = scanner.number(), scanner.skip(separator), let (year, yearDigits) = scanner.number()
        else { return nil }
        let dayFirst = separator == UInt8(ascii: ".") || order == .dayFirst
        return dayFirst
            ? (Self.fullYear(year, yearDigits), second, first) : (Self.fullYear(year, yearDigits), first, second)
    }

    /// Seconds since midnight and the offset, if one is written.
    private func scanTime(_ scanner: inout Scanner) -> (Int, Int?)? {
        guard let (hour, _) = scanner.number(), scanner.skip(UInt8(ascii: ":")), let (minute, _) = scanner.number(),
            minute < 60
        else { return nil }
        var second = 0
        if scanner.skip(UInt8(ascii: ":")) {
            guard let (value, _) = scanner.number(), value < 61 else { return nil }
            second = min(value, 59)
            if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) { _ = scanner.number() }
        }
        scanner.skipSpaces()
        var hour24 = hour
        if let meridiem = scanner.peekWord()?.uppercased(), meridiem == "AM" || meridiem == "PM" {
            _ = scanner.word()
            guard (1...12).contains(hour) else { return nil }
            hour24 = hour % 12 + (meridiem == "PM" ? 12 : 0)
        }
        guard hour24 < 24 else { return nil }
        scanner.skipSpaces()
        var offset: Int?
        if let sign = scanner.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            scanner.advance()
            guard let (value, digits) = scanner.number() else { return nil }
            var minutes: Int
            if digits <= 2 {
                minutes = value * 60
                if scanner.skip(UInt8(ascii: ":")) {
                    guard let (extra, _) = scanner.number() else { return nil }
                    minutes += extra
                }
            } else {
                minutes = value / 100 * 60 + value % 100
            }
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * minutes * 60
        } else if scanner.skip(UInt8(ascii: "Z")) {
            offset = 0
        } else if let word = scanner.word() {
            guard let zone = Self.zoneAbbreviations[word.uppercased()] else { return nil }
            offset = zone
        }
        return (hour24 * 3600 + minute * 60 + second, offset)
    }

    static let zoneAbbreviations: [String: Int] = [
        "UTC": 0, "GMT": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EET": 7200, "EEST": 10800,
        "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600, "MST": -7 * 3600, "MDT": -6 * 3600,
        "PST": -8 * 3600, "PDT": -7 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600,
    ]

    static func month(_ name: String) -> Int? {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return months.firstIndex(of: String(name.lowercased().prefix(3))).map { $0 + 1 }
    }

    static func fullYear(_ year: Int, _ digits: Int) -> Int { digits <= 2 ? 2000 + year : year }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A cursor over ASCII bytes for the date parser.
private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) {
        var end = bytes.count
        while end > 0 && (bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09) { end -= 1 }
        self.bytes = Array(bytes[..<end])
    }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func advance() { index += 1 }

    @discardableResult
    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// Digits as a number, and how many digits there were.
    mutating func number() -> (Int, Int)? {
        var value = 0
        var digits = 0
        while let byte = peek, byte >= 0x30 && byte <= 0x39, digits < 9 {
            value = value * 10 + Int(byte - 0x30)
            digits += 1
            index += 1
        }
        return digits > 0 ? (value, digits) : nil
    }

    mutating func word() -> String? {
        let start = index
        while let byte = peek, (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { index += 1 }
        return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
    }

    func peekWord() -> String? {
        var copy = self
        return copy.word()
    }
}
