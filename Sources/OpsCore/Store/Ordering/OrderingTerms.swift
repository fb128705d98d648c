/// How a product is ordered, beyond its lead time and pack size (on `Product`): the defaults where the shop
/// said nothing.
public struct OrderingTerms: Sendable, Equatable {
    public var supplier: String?
    /// How often the shop orders it, in days: an order must last until the next one arrives.
    public var reviewDays: Int
    /// The least the supplier takes, in units.
    public var minimumOrder: Int
    /// The chance of not running out before the next delivery that the order aims for.
    public var serviceLevel: Double

    public static let defaultReviewDays = 7
    public static let defaultServiceLevel = 0.95

    public init(
        supplier: String? = nil, reviewDays: Int = OrderingTerms.defaultReviewDays, minimumOrder: Int = 0,
        serviceLevel: Double = OrderingTerms.defaultServiceLevel
    ) {
        self.supplier = supplier
        self.reviewDays = reviewDays
        self.minimumOrder = minimumOrder
        self.serviceLevel = serviceLevel
    }
}
