import Foundation

/// An order list as the bot showed it, for one supplier: what its Approve button records.
public struct OrderProposal: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public let productID: Int64
        public let quantity: Int
        /// When it would arrive if ordered when the list was made: the product's lead time on.
        public let dueAt: Date?

        public init(productID: Int64, quantity: Int, dueAt: Date?) {
            self.productID = productID
            self.quantity = quantity
            self.dueAt = dueAt
        }
    }

    public let id: Int64
    public let supplier: String?
    public let madeAt: Date
    public var approvedAt: Date?
    public var approvedBy: String?
    public var lines: [Line]

    /// How long a shown list may be approved: after that the plan has moved too far from it.
    public static let lifetime: TimeInterval = 2 * 86_400
}
