/// A figure of a period's sales a question names: it leads the answer ("Orders yesterday: 312").
public enum SalesFigure: String, Sendable, Equatable, CaseIterable {
    case revenue
    case units
    case orders
    case basket
    case margin
    /// Till exports name no customers: answered with orders, and a note saying so.
    case customers

    /// The words that name each figure, as `TextNormalizer` tokens.
    static let words: [SalesFigure: Set<String>] = [
        .orders: ["orders", "transactions", "transaction", "receipts", "tickets", "txns", "checkouts"],
        .customers: ["customers", "customer", "footfall", "visitors", "punters", "guests", "people"],
        .basket: ["basket", "baskets", "atv", "aov", "spend"],
        .margin: ["margin", "margins", "profit", "profits", "gp"],
        .units: ["units", "qty", "quantity", "volume", "items", "pieces"],
        .revenue: ["revenue", "takings", "turnover", "money", "income"],
    ]

    /// The figure the words name, the most specific first ("average basket revenue" is the basket).
    static func named(in words: Set<String>) -> SalesFigure? {
        // "average order value", "avg spend per customer": the basket.
        if !words.isDisjoint(with: ["average", "avg", "mean"]),
            !words.isDisjoint(with: [
                "order", "orders", "sale", "sales", "spend", "basket", "baskets", "transaction", "transactions",
                "ticket", "customer", "customers",
            ])
        {
            return .basket
        }
        return [.basket, .orders, .customers, .margin, .units, .revenue].first {
            !words.isDisjoint(with: Self.words[$0] ?? [])
        }
    }
}
