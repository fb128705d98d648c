/// An org's rules, looked up the way evaluation needs them: the org-wide rule per kind (defaults where none
/// is stored), and thresholds per product and per category.
public struct AlertRuleSet: Sendable {
    public let orgRules: [AlertKind: AlertRule]
    public let productRules: [AlertKind: [Int64: AlertRule]]
    public let categoryRules: [AlertKind: [String: AlertRule]]

    public init(_ rules: [AlertRule]) {
        var org: [AlertKind: AlertRule] = [:]
        var products: [AlertKind: [Int64: AlertRule]] = [:]
        var categories: [AlertKind: [String: AlertRule]] = [:]
        for rule in rules {
            switch rule.scope {
            case .org: org[rule.kind] = rule
            case .product(let id): products[rule.kind, default: [:]][id] = rule
            case .category(let name): categories[rule.kind, default: [:]][name.lowercased()] = rule
            }
        }
        for kind in AlertKind.allCases where org[kind] == nil { org[kind] = AlertRule(kind: kind) }
        orgRules = org
        productRules = products
        categoryRules = categories
    }

    public func rule(_ kind: AlertKind) -> AlertRule { orgRules[kind] ?? AlertRule(kind: kind) }

    /// The low-stock threshold of one product: its own rule, else its reorder point, else its category's
    /// rule, else the org's default; nil when none applies.
    public func lowStockThreshold(productID: Int64, reorderPoint: Int?, category: String) -> Int? {
        productRules[.lowStock]?[productID]?.threshold ?? reorderPoint
            ?? categoryRules[.lowStock]?[category.lowercased()]?.threshold ?? rule(.lowStock).threshold
    }
}
