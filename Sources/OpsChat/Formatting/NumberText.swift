/// Numbers for people: thousands separators, signed percentages, short decimals.
public enum NumberText {
    /// 1234567 → "1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return value < 0 ? "-" + result : result
    }

    /// The change from `previous` to `current` as "+12%", "-3%", "0%"; "new" when there was nothing before.
    public static func change(from previous: Int, to current: Int) -> String {
        guard previous != 0 else { return current == 0 ? "0%" : "new" }
        let percent = ((Double(current) - Double(previous)) / Double(previous.magnitude) * 100).rounded()
        if percent == 0 { return "0%" }
        return (percent > 0 ? "+" : "") + grouped(percent.clampedInt) + "%"
    }

    /// One decimal below ten, whole numbers above: 0.4, 6.8, 12.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        // A negative tenth would print "-6.-5": the sign once, then the size.
        if value < 0 { return (value * 10).clampedInt == 0 ? "0.0" : "-" + short(-value) }
        if value < 10 {
            let tenths = (value * 10).clampedInt
            return "\(tenths / 10).\(tenths % 10)"
        }
        return grouped(value.clampedInt)
    }
}
