import Foundation

/// One alert: a cause (rule + product, or rule + day) that was found true, and what people did about it.
public struct Alert: Sendable, Equatable {
    public let id: Int64
    public let kind: AlertKind
    /// "low_stock:product:12", "sales_drop:day:2026-11-24": at most one unresolved alert per cause.
    public let cause: String
    public let productID: Int64?
    /// The org-local day a sales alert is about.
    public let day: String?
    public var severity: AlertSeverity
    public var status: AlertStatus
    /// Units on hand (stock kinds; tenths of a day of cover for `daysOfCover`), or the day's revenue in minor
    /// units (sales kinds).
    public var value: Int
    /// The threshold crossed: units, days of lead time, or the usual revenue for that weekday.
    public var threshold: Int?
    /// What the alert is about: the product's name, or the day ("2026-11-24").
    public var subject: String
    public let openedAt: Date
    public var notifiedAt: Date?
    public var snoozedUntil: Date?
    public var acknowledgedBy: Int64?
    public var assigneeName: String?
    public var resolvedAt: Date?
    /// "cleared" when the condition went away, "by <name>" when a person resolved it.
    public var resolution: String?

    public var isResolved: Bool { status == .resolved }
}
