/// The largest numbers a row may hold. Every number in a file comes from outside; bounding each one keeps every
/// sum and product the import and the figures compute far inside Int64 (a billion lines of the largest
/// quantity, nine million of the largest amount), so a typo or a hostile file is a row error, never a trap.
enum ImportLimits {
    /// Units in one line or one stock count.
    static let maxQuantity = 1_000_000_000
    /// Minor units (cents) in one amount or line total: ten billion in a two-decimal currency.
    static let maxMinorUnits = 1_000_000_000_000

    /// Minor units of one file's lines added up (totals and costs as magnitudes): a hundred thousand lines at the
    /// largest amount. Every rollup sum of the file stays below it.
    static let maxFileMinorUnits = 100_000 * maxMinorUnits

    static let maxQuantityText = "1,000,000,000"

    /// "10,000,000,000.00" for two decimals, "1,000,000,000,000" for none.
    static func maxAmountText(digits: Int) -> String {
        var scale = 1
        for _ in 0..<max(0, min(digits, 6)) { scale *= 10 }
        let whole = String(maxMinorUnits / scale)
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0 && (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return scale == 1 ? grouped : grouped + "." + String(repeating: "0", count: digits)
    }
}
