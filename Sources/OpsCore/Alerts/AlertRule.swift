import Foundation

/// One row of `alert_rules`: a kind of alert for the whole org, or a threshold for one product or category.
public struct AlertRule: Sendable, Equatable {
    public enum Scope: Sendable, Hashable {
        case org
        case product(Int64)
        case category(String)

        var stored: String {
            switch self {
            case .org: return ""
            case .product(let id): return "product:\(id)"
            case .category(let name): return "category:\(name)"
            }
        }

        init(stored: String) {
            if stored.hasPrefix("product:"), let id = Int64(stored.dropFirst(8)) {
                self = .product(id)
            } else if stored.hasPrefix("category:") {
                self = .category(String(stored.dropFirst(9)))
            } else {
                self = .org
            }
        }
    }

    public var kind: AlertKind
    public var scope: Scope
    /// Units, days or percent, by kind (see `AlertKind.defaultThreshold`).
    public var threshold: Int?
    public var severity: AlertSeverity
    public var route: AlertRoute
    /// How long a still-true alert waits before it is posted again; 0 never reminds.
    public var repeatMinutes: Int
    public var enabled: Bool
    public var mutedUntil: Date?

    public init(
        kind: AlertKind, scope: Scope = .org, threshold: Int? = nil, severity: AlertSeverity? = nil,
        route: AlertRoute = .chats, repeatMinutes: Int = 24 * 60, enabled: Bool = true, mutedUntil: Date? = nil
    ) {
        self.kind = kind
        self.scope = scope
        self.threshold = threshold ?? (scope == .org ? kind.defaultThreshold : nil)
        self.severity = severity ?? kind.defaultSeverity
        self.route = route
        self.repeatMinutes = repeatMinutes
        self.enabled = enabled
        self.mutedUntil = mutedUntil
    }

    public func isMuted(at now: Date) -> Bool { mutedUntil.map { $0 > now } ?? false }

    /// "Alert me when oat milk below 12" as a stored rule. A low-stock threshold is the last quantity that alerts
    /// (as a reorder point is: at 12 or under), so "below 12" is stored as 11. The one place that knows it.
    public static func lowStock(productID: Int64, below: Int) -> AlertRule {
        var rule = AlertRule(kind: .lowStock, scope: .product(productID))
        rule.setAlert(below: below)
        return rule
    }

    /// Makes a low-stock rule alert below `quantity` (see `lowStock(productID:below:)`).
    public mutating func setAlert(below quantity: Int) { threshold = quantity - 1 }

    /// The quantity a low-stock rule alerts below, as it was said.
    public var alertsBelow: Int? { threshold.map { $0 + 1 } }
}
