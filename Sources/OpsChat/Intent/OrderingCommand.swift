/// Looking ahead and ordering: forecasts, what to order, purchase orders and how a product is ordered.
public enum OrderingCommand: Sendable, Equatable {
    /// "forecast oat milk": the next 7 days by day.
    case forecast(query: String)
    /// "forecast sales next week", "how much will we take tomorrow": the shop's takings, the next 7 days by day.
    case shopForecast
    /// "when will oat milk run out".
    case runOut(query: String)
    /// "what should I order", "order list for Dairy Direct" (a CSV to send).
    case orderList(supplier: String?)
    /// "ordered 24 oat milk arriving friday".
    case ordered(quantity: Int, query: String, due: String?)
    /// The Approve button of an order list: "approve order 17" records the kept list 17 as purchase orders.
    case approve(proposalID: Int64)
    /// "received oat milk 24", "24 oat milk arrived".
    case received(quantity: Int, query: String)
    /// "received 2 cases of oat milk": whole packs, counted in units by the product's pack size.
    case receivedPacks(packs: Int, query: String)
    /// "how much oat milk should I order", "should I order more croissants": one product's line of the plan.
    case orderFor(query: String)
    /// "orders", "on order": the open purchase orders.
    case purchaseOrders
    /// "lead time oat milk 2 days".
    case leadTime(query: String, days: Int)
    /// "oat milk comes in packs of 12".
    case packSize(query: String, units: Int)
    /// "minimum order oat milk 24".
    case minimumOrder(query: String, units: Int)
    /// "supplier oat milk Dairy Direct": the product's words, then the supplier's, as typed.
    case supplier(text: String)
    /// The command was recognised but is missing something; the text says what.
    case usage(String)
}
