import Foundation

/// Reading the values platforms send: decimal quantities as strings, timestamps in RFC 3339.
enum ConnectorValues {
    /// A quantity as a whole number of units, rounded half away from zero ("2.5" kg sold counts 3), and whether
    /// it had a fraction. Nil for anything unreadable or past a billion units.
    static func wholeQuantity(_ text: String?) -> (value: Int, fractional: Bool)? {
        guard let text, let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite,
            abs(number) <= 1_000_000_000
        else { return nil }
        let rounded = number.rounded(.toNearestOrAwayFromZero)
        return (Int(rounded), rounded != number)
    }

    /// An amount in minor units from a platform's decimal string ("12.50" in a two-decimal currency gives 1250).
    static func minorUnits(_ text: String?, digits: Int) -> Int? {
        guard let text, let number = Decimal(string: text.trimmingCharacters(in: .whitespaces)) else { return nil }
        var scaled = number
        for _ in 0..<max(0, min(digits, 6)) { scaled *= 10 }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard abs(rounded) <= 1_000_000_000_000 else { return nil }
        return NSDecimalNumber(decimal: rounded).intValue
    }

    /// RFC 3339 with or without fractional seconds ("2026-12-03T10:15:00.123Z", "2026-12-03T10:15:00+00:00").
    /// Parsed by Foundation's format styles, not `ISO8601DateFormatter`: that one builds an ICU formatter each
    /// time, and a sync of 10,000 orders spent most of its time there.
    static func date(_ text: String?) -> Date? {
        guard let text else { return nil }
        if let date = try? Date(text, strategy: plain) { return date }
        return try? Date(text, strategy: fractional)
    }

    static func timestamp(_ date: Date) -> String { date.formatted(fractional) }

    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// A stored cursor's fields (connectors keep a small JSON object of strings).
    static func cursorFields(_ cursor: String) -> [String: String] {
        guard !cursor.isEmpty, let value = try? JSONValue(parsing: Array(cursor.utf8)), case .object(let object) = value
        else { return [:] }
        return object.compactMapValues(\.string)
    }

    static func cursor(_ fields: [String: String]) -> String {
        JSONValue.object(fields.mapValues { .string($0) }).jsonText
    }
}
