import Foundation
import OpsCore

/// The Approve button of an order list: each supplier's lines are kept as shown, and one press records them as
/// purchase orders, due after each product's lead time.
extension OrderingHandler {
    /// Buttons beyond this many suppliers would crowd the chat; "order list for <supplier>" has its own.
    static let maxApproveButtons = 4

    func approveButtons(_ plan: [ReorderPlanner.Suggestion], context: HandlerContext) throws -> [Reply.Button] {
        var groups: [(supplier: String?, lines: [ReorderPlanner.Suggestion])] = []
        for suggestion in plan {
            if let index = groups.firstIndex(where: { $0.supplier == suggestion.terms.supplier }) {
                groups[index].lines.append(suggestion)
            } else {
                groups.append((suggestion.terms.supplier, [suggestion]))
            }
        }
        let calendar = context.org.calendar
        return try groups.prefix(Self.maxApproveButtons).map { group in
            let lines = group.lines.map { suggestion in
                OrderProposal.Line(
                    productID: suggestion.product.id, quantity: suggestion.quantity,
                    dueAt: calendar.startOfDay(context.now, adding: suggestion.leadDays).addingTimeInterval(17 * 3600))
            }
            let id = try context.store.saveOrderProposal(
                orgID: context.org.id, supplier: group.supplier, lines: lines, now: context.now)
            let count = group.lines.count
            let what = groups.count == 1 ? "order" : (group.supplier ?? "no supplier")
            return Reply.Button(
                label: "✓ Approve \(what) (\(count) line\(count == 1 ? "" : "s"))", action: "approve order \(id)")
        }
    }

    func approve(proposalID: Int64, context: HandlerContext) throws -> Reply {
        guard let proposal = try context.store.orderProposal(id: proposalID, orgID: context.org.id) else {
            return .text("I no longer have that order list. “order list” makes a fresh one.")
        }
        if let approvedAt = proposal.approvedAt {
            return .text(
                "\(proposal.approvedBy ?? "Someone") approved that order \(context.dates.day(approvedAt, now: context.now)) at "
                    + "\(context.dates.time(approvedAt)); “orders” shows what is on order.")
        }
        guard context.now.timeIntervalSince(proposal.madeAt) <= OrderProposal.lifetime else {
            return .text(
                "That order list is from \(context.dates.day(proposal.madeAt, now: context.now)); stock has moved since. "
                    + "“order list” makes a fresh one.")
        }
        var placed: [String] = []
        let approved = try context.store.write { () -> Bool in
            guard
                try context.store.markOrderProposalApproved(id: proposal.id, by: context.member.name, now: context.now)
            else { return false }
            for line in proposal.lines {
                guard let product = try context.store.product(id: line.productID) else { continue }
                try context.store.recordPurchaseOrder(
                    orgID: context.org.id, productID: product.id, quantity: line.quantity, dueAt: line.dueAt,
                    orderedBy: context.member.name, now: context.now)
                var text = "\(product.name): \(NumberText.grouped(line.quantity))"
                if let due = line.dueAt { text += ", due \(context.dates.day(due, now: context.now))" }
                placed.append(text)
            }
            try context.store.recordActivity(
                orgID: context.org.id, memberID: context.member.id, kind: "order.placed",
                summary:
                    "\(context.member.name) approved the order list\(proposal.supplier.map { " for \($0)" } ?? "")"
                    + " (\(placed.count) line\(placed.count == 1 ? "" : "s"))",
                at: context.now)
            return true
        }
        guard approved else { return try approve(proposalID: proposalID, context: context) }
        guard !placed.isEmpty else {
            return .text("The products on that list are no longer in the catalogue; nothing was ordered.")
        }
        _ = try AlertEngine(store: context.store, org: context.org, recipients: context.alertRecipients).evaluate(
            now: context.now)
        return Reply(blocks: [
            .title(
                "On order\(proposal.supplier.map { " from \($0)" } ?? ""): \(placed.count) line\(placed.count == 1 ? "" : "s")"
            ),
            .text(
                placed.joined(separator: "\n")
                    + "\nTheir low-stock alerts wait until then; “received oat milk 24” books a delivery in."),
        ])
    }
}
