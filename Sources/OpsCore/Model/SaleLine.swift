import Foundation

/// One line of one order. (`source`, `orderID`, `line`) is its natural key: importing it again updates it.
public struct SaleLine: Sendable, Equatable {
    public var source: String
    public var orderID: String
    public var line: Int
    public var soldAt: Date
    public var productID: Int64
    public var quantity: Int
    public var unitPrice: Int
    public var discount: Int
    /// What the customer paid for the line, after discount. Negative for refunds.
    public var total: Int
    /// Cost of the goods on this line, when known.
    public var cost: Int?
    public var location: String
    public var channel: String
    public var importID: Int64?

    public init(
        source: String, orderID: String, line: Int, soldAt: Date, productID: Int64, quantity: Int,
        unitPrice: Int, discount: Int = 0, total: Int, cost: Int? = nil, location: String = "",
        channel: String = "", importID: Int64? = nil
    ) {
        self.source = source
        self.orderID = orderID
        self.line = line
        self.soldAt = soldAt
        self.productID = productID
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discount = discount
        self.total = total
        self.cost = cost
        self.location = location
        self.channel = channel
        self.importID = importID
    }

    /// The order the line belongs to, as the order counts tell orders apart (`source || char(31) || order_id`).
    var orderKey: String { Self.orderKey(source: source, orderID: orderID) }

    static func orderKey(source: String, orderID: String) -> String { source + "\u{1F}" + orderID }
}
