import Foundation

extension AlertEngine {
    static let selectShownInChat = """
        SELECT DISTINCT a.alert_id FROM outbox o JOIN outbox_alerts a ON a.outbox_id = o.id
        WHERE o.org_id = ? AND o.channel = 'chat' AND o.transport = ? AND o.target = ?
        """

    /// A chat that starts receiving alerts gets the open ones it has not been shown, once, in one message
    /// (snoozed ones when their snooze ends): an alert opened before the shop's group existed would otherwise
    /// reach it never. Returns how many alerts the message shows.
    @discardableResult
    public func postOpenAlerts(toChat transport: String, chatKey: String, now: Date) throws -> Int {
        let shown = Set(
            try store.database.query(
                Self.selectShownInChat, [.integer(org.id), .text(transport), .text(chatKey)], { $0.int64(0) }))
        let open = try store.unresolvedAlerts(orgID: org.id).filter { alert in
            !shown.contains(alert.id) && (alert.snoozedUntil.map { $0 <= now } ?? true)
        }
        guard !open.isEmpty else { return 0 }
        try store.enqueueDelivery(
            orgID: org.id, channel: .chat, transport: transport, target: chatKey, kind: .alert,
            alertIDs: open.map(\.id), now: now)
        return open.count
    }
}
