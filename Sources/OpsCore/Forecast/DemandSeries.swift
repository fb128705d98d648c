/// A product's units sold per local day, oldest first. A censored day (nil) is one whose sales say nothing
/// about demand: the product was out of stock, or the shop sold nothing at all (closed). Forecasts skip them
/// instead of reading them as zero demand.
public struct DemandSeries: Sendable, Equatable {
    public var values: [Double?]
    /// The weekday of `values[0]`: 0 = Sunday … 6 = Saturday.
    public var firstWeekday: Int

    public init(values: [Double?], firstWeekday: Int) {
        self.values = values
        self.firstWeekday = ((firstWeekday % 7) + 7) % 7
    }

    public var count: Int { values.count }

    public func weekday(at index: Int) -> Int { (firstWeekday + index) % 7 }

    /// The days before `end`, as a series of their own.
    public func prefix(_ end: Int) -> DemandSeries {
        DemandSeries(values: Array(values.prefix(max(0, end))), firstWeekday: firstWeekday)
    }

    /// Share of observed days with no sale: above about a third, demand is intermittent.
    public var zeroShare: Double {
        let observed = values.compactMap { $0 }
        guard !observed.isEmpty else { return 1 }
        return Double(observed.filter { $0 <= 0 }.count) / Double(observed.count)
    }
}
