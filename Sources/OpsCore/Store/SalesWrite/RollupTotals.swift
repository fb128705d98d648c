/// Sums kept per rollup bucket. `costedRevenue` is revenue of the lines whose cost is known.
struct RollupTotals {
    var units = 0
    var revenue = 0
    var cost = 0
    var costedRevenue = 0
    var orders = 0
    var lines = 0

    mutating func add(quantity: Int, total: Int, cost lineCost: Int?, sign: Int) {
        units += sign * quantity
        revenue += sign * total
        if let lineCost {
            cost += sign * lineCost
            costedRevenue += sign * total
        }
        lines += sign
    }

    /// Adds another bucket's sums (orders are recounted from the lines, never added).
    mutating func add(_ other: RollupTotals) {
        units += other.units
        revenue += other.revenue
        cost += other.cost
        costedRevenue += other.costedRevenue
        lines += other.lines
    }
}
