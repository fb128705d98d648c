extension Double {
    /// Rounded to the nearest Int and kept inside Int's range (NaN is 0). Ratios and rates of stored figures go
    /// through this rather than `Int(_:)`, which traps on a value past Int.max — and the figures came from outside.
    package var clampedInt: Int {
        guard !isNaN else { return 0 }
        let rounded = self.rounded()
        if rounded >= 9.2e18 { return .max }
        if rounded <= -9.2e18 { return .min }
        return Int(rounded)
    }
}
