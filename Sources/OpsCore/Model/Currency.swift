/// An ISO 4217 currency and how many minor units make one major unit.
public struct Currency: Sendable, Hashable, CustomStringConvertible {
    public let code: String

    /// Validates an ISO 4217 code (three letters); returns nil otherwise.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = upper
    }

    public static let usd = Currency(code: "USD")!

    /// Decimal places of the minor unit (2 for USD and EUR, 0 for JPY, 3 for KWD).
    public var minorDigits: Int {
        if Self.zeroDecimal.contains(code) { return 0 }
        if Self.threeDecimal.contains(code) { return 3 }
        return 2
    }

    /// The symbol shown before amounts; the code itself when there is no common symbol.
    public var symbol: String { Self.symbols[code] ?? code + " " }

    public var description: String { code }

    private static let zeroDecimal: Set<String> = [
        "JPY", "KRW", "VND", "CLP", "ISK", "UGX", "XAF", "XOF", "PYG", "HUF",
    ]
    private static let threeDecimal: Set<String> = ["KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD"]
    private static let symbols: [String: String] = [
        "USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "AUD": "A$", "CAD": "C$", "NZD": "NZ$",
        "INR": "₹", "KRW": "₩", "ZAR": "R", "CHF": "CHF ", "SEK": "kr ", "NOK": "kr ", "DKK": "kr ",
        "BRL": "R$", "MXN": "MX$", "SGD": "S$", "HKD": "HK$", "PLN": "zł ", "ILS": "₪", "TRY": "₺",
    ]
}
