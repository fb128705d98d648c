import OpsCore

/// Money for people: "$1,234.50", "-£3.20", "¥1,200". Amounts are integer minor units.
public struct MoneyFormatter: Sendable {
    public let currency: Currency

    public init(currency: Currency) { self.currency = currency }

    public func format(_ minorUnits: Int) -> String {
        let digits = currency.minorDigits
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = minorUnits.magnitude
        let major = Int(magnitude / UInt(scale))
        let minor = Int(magnitude % UInt(scale))
        var text = currency.symbol + NumberText.grouped(major)
        if digits > 0 {
            let minorText = String(minor)
            text += "." + String(repeating: "0", count: digits - minorText.count) + minorText
        }
        return minorUnits < 0 ? "-" + text : text
    }

    /// An estimate in whole major units ("$3,445"): a forecast's cents would be false precision. Amounts past
    /// what any shop takes are shown at that limit rather than trapping.
    public func formatEstimate(_ minorUnits: Double) -> String {
        var scale = 1.0
        for _ in 0..<currency.minorDigits { scale *= 10 }
        let major = minorUnits.isFinite ? (min(max(minorUnits, -1e15), 1e15) / scale).rounded() : 0
        let text = currency.symbol + NumberText.grouped(Int(major.magnitude))
        return major < 0 ? "-" + text : text
    }
}
