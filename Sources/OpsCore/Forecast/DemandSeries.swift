/// A product's units sold per local day, oldest first. A censored day (nil) is one whose sales say nothing
/// about demand: the product was out of stock, or the shop sold nothing at all (closed). Forecasts skip them
/// instead of reading them as zero demand.
public struct DemandSeries: Sendable, Equatable {
    /// The days, shared by a series and its prefixes (a backtest cuts dozens from one series without copying).
    private let storage: [Double?]
    public let count: Int
    /// The weekday of `values[0]`: 0 = Sunday … 6 = Saturday.
    public let firstWeekday: Int

    public init(values: [Double?], firstWeekday: Int) {
        storage = values
        count = values.count
        self.firstWeekday = ((firstWeekday % 7) + 7) % 7
    }

    private init(storage: [Double?], count: Int, firstWeekday: Int) {
        self.storage = storage
        self.count = count
        self.firstWeekday = firstWeekday
    }

    /// The days, indexed from 0.
    public var values: ArraySlice<Double?> { storage[0..<count] }

    public static func == (a: DemandSeries, b: DemandSeries) -> Bool {
        a.firstWeekday == b.firstWeekday && a.values == b.values
    }

    public func weekday(at index: Int) -> Int { (firstWeekday + index) % 7 }

    /// The days before `end`, as a series of their own.
    public func prefix(_ end: Int) -> DemandSeries {
        DemandSeries(storage: storage, count: min(max(0, end), count), firstWeekday: firstWeekday)
    }

    /// Share of observed days with no sale: above about a third, demand is intermittent.
    public var zeroShare: Double {
        let observed = values.compactMap { $0 }
        guard !observed.isEmpty else { return 1 }
        return Double(observed.filter { $0 <= 0 }.count) / Double(observed.count)
    }
}
