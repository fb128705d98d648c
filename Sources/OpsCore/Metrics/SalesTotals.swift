/// Sales over a period. Money in minor units.
public struct SalesTotals: Sendable, Equatable {
    public var revenue: Int
    public var units: Int
    public var orders: Int
    public var lines: Int
    /// Cost of goods of the lines whose cost is known.
    public var cost: Int
    /// Revenue of the lines whose cost is known; margin is `costedRevenue - cost`.
    public var costedRevenue: Int

    public init(
        revenue: Int = 0, units: Int = 0, orders: Int = 0, lines: Int = 0, cost: Int = 0, costedRevenue: Int = 0
    ) {
        self.revenue = revenue
        self.units = units
        self.orders = orders
        self.lines = lines
        self.cost = cost
        self.costedRevenue = costedRevenue
    }

    public static let zero = SalesTotals()

    /// Revenue per order, or nil with no orders.
    public var averageBasket: Int? { orders > 0 ? (Double(revenue) / Double(orders)).clampedInt : nil }

    static func + (lhs: SalesTotals, rhs: SalesTotals) -> SalesTotals {
        SalesTotals(
            revenue: lhs.revenue + rhs.revenue, units: lhs.units + rhs.units, orders: lhs.orders + rhs.orders,
            lines: lhs.lines + rhs.lines, cost: lhs.cost + rhs.cost,
            costedRevenue: lhs.costedRevenue + rhs.costedRevenue)
    }
}
