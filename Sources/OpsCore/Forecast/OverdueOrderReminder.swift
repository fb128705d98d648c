import Foundation

/// A purchase order past its due day without a receipt: one reminder to the chats that get stock alerts (its
/// product's low-stock and cover alerts come back at the same time), never a second.
public struct OverdueOrderReminder {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    static let selectOverdue = """
        SELECT o.id, p.name, o.quantity - o.received, o.due_at, o.ordered_by FROM purchase_orders o
        JOIN products p ON p.id = o.product_id
        WHERE o.org_id = ? AND o.closed_at IS NULL AND o.reminded_at IS NULL AND o.due_at IS NOT NULL AND o.due_at <= ?
        ORDER BY o.due_at, o.id
        """

    /// Queues one message per alert chat listing the orders that just became overdue; returns how many orders
    /// were reminded about.
    @discardableResult
    public func remind(now: Date) throws -> Int {
        try store.write {
            let overdue = try store.database.query(
                Self.selectOverdue, [.integer(org.id), .integer(Int64(now.timeIntervalSince1970))]
            ) { row in
                (
                    id: row.int64(0), name: row.string(1), outstanding: row.int(2),
                    due: Date(timeIntervalSince1970: TimeInterval(row.int64(3))), by: row.string(4)
                )
            }
            guard !overdue.isEmpty else { return 0 }
            let lines = overdue.map { order in
                "• \(order.outstanding) \(order.name), due \(AlertDesk.day(order.due, org: org))"
                    + (order.by.isEmpty ? "" : ", ordered by \(order.by)")
            }
            let first = overdue[0]
            let body =
                (overdue.count == 1 ? "A delivery is overdue:\n" : "\(overdue.count) deliveries are overdue:\n")
                + lines.joined(separator: "\n")
                + "\nWhen it comes: “received \(first.name.lowercased()) \(first.outstanding)” (or send a stock count). "
                + "Until then its stock alerts are back on."
            let rule = try store.alertRuleSet(orgID: org.id).rule(.lowStock)
            let poster = AlertPoster(store: store, org: org, recipients: AlertRecipients())
            let chats = try poster.targets(for: rule.route).filter { $0.channel == .chat }
            // Nowhere to say it yet (no alert chat, no owner in a private chat): said once there is.
            guard !chats.isEmpty else { return 0 }
            for target in chats {
                try store.enqueueDelivery(
                    orgID: org.id, channel: .chat, transport: target.transport, target: target.address, kind: .notice,
                    alertIDs: [], body: body, now: now)
            }
            for order in overdue { try store.markPurchaseOrderReminded(id: order.id, now: now) }
            return overdue.count
        }
    }
}
