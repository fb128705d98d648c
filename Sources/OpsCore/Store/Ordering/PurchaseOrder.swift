import Foundation

/// Stock ordered from a supplier and not yet all received.
public struct PurchaseOrder: Sendable, Equatable {
    public let id: Int64
    public let productID: Int64
    public let quantity: Int
    public var received: Int
    public let orderedAt: Date
    public let dueAt: Date?
    public let orderedBy: String
    public var remindedAt: Date?
    /// When it was received in full, or closed by a stock count; nil while open.
    public var closedAt: Date? = nil

    /// Still to come.
    public var outstanding: Int { max(0, quantity - received) }

    public func isOverdue(now: Date) -> Bool { dueAt.map { $0 < now } ?? false }
}
