/// What an alert rule watches. The raw values are stored in `alert_rules.kind` and `alerts.kind`.
public enum AlertKind: String, Sendable, CaseIterable, Comparable {
    /// Stock at or below the product's threshold: its own rule, else its reorder point, else the category's
    /// or the org's default.
    case lowStock = "low_stock"
    case outOfStock = "out_of_stock"
    /// At the recent selling rate the product runs out before a delivery ordered now would arrive.
    case daysOfCover = "days_of_cover"
    /// A day's revenue far below its usual level for that weekday (threshold: percent below).
    case salesDrop = "sales_drop"
    /// A day's revenue far above its usual level for that weekday (threshold: percent above).
    case salesSpike = "sales_spike"
    /// One product's day far from its usual for that weekday, up or down (threshold: robust z, the distance from
    /// the median of 8 weeks in median absolute deviations).
    case productAnomaly = "product_anomaly"

    public static func < (lhs: AlertKind, rhs: AlertKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var isStock: Bool { self == .lowStock || self == .outOfStock || self == .daysOfCover }

    public var label: String {
        switch self {
        case .lowStock: return "Low stock"
        case .outOfStock: return "Out of stock"
        case .daysOfCover: return "Runs out soon"
        case .salesDrop: return "Sales drop"
        case .salesSpike: return "Sales spike"
        case .productAnomaly: return "Unusual sales"
        }
    }

    public var defaultSeverity: AlertSeverity {
        switch self {
        case .outOfStock: return .critical
        case .lowStock, .daysOfCover, .salesDrop: return .warning
        case .salesSpike, .productAnomaly: return .info
        }
    }

    /// The org-wide threshold when no rule says otherwise: units for low stock (nil: only products with a
    /// reorder point), days for cover when a product has no lead time, percent for sales.
    public var defaultThreshold: Int? {
        switch self {
        case .lowStock, .outOfStock: return nil
        case .daysOfCover: return 3
        case .salesDrop: return 40
        case .salesSpike: return 60
        case .productAnomaly: return 5
        }
    }
}

public enum AlertSeverity: String, Sendable, CaseIterable, Comparable {
    case info
    case warning
    case critical

    public static func < (lhs: AlertSeverity, rhs: AlertSeverity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var symbol: String {
        switch self {
        case .critical: return "🔴"
        case .warning: return "🟠"
        case .info: return "🔵"
        }
    }
}

public enum AlertStatus: String, Sendable, CaseIterable {
    case open
    case acknowledged
    case assigned
    case resolved
}
