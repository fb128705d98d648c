import Foundation

/// Queues a message the bot sends unasked (the morning summary, the weekly insights) to the chat set with
/// `summary here`, else the alert chats, else the owners' private chats; once per scheduled run, the run mark
/// written in the same transaction as the outbox rows, so a repeated or restarted run sends nothing twice.
public struct BriefingPoster {
    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    /// The org setting naming the chat briefings go to ("telegram", "-100123").
    static let chatSetting = "briefing_chat"

    public func setChat(transport: String, chatKey: String) throws {
        try store.setOrgSetting(Self.chatSetting, transport + "\u{1F}" + chatKey, orgID: org.id)
    }

    public func chat() throws -> (transport: String, chatKey: String)? {
        guard let value = try store.orgSetting(Self.chatSetting, orgID: org.id) else { return nil }
        let parts = value.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    func targets() throws -> [(transport: String, chatKey: String)] {
        if let chat = try chat() { return [chat] }
        let chats = try store.alertChats(orgID: org.id).map { (transport: $0.transport, chatKey: $0.chatKey) }
        if !chats.isEmpty { return chats }
        return try store.ownerIDs(orgID: org.id).compactMap { try store.privateChat(memberID: $0) }
    }

    /// With `job`, only when a run of it is due (the first look only records the time, as the alert job does);
    /// `text` makes the message, nil for nothing to say. Returns the outbox rows written.
    @discardableResult
    public func post(job: ScheduledJob?, now: Date, text: () throws -> String?) throws -> Int {
        try store.write {
            if let job {
                guard let last = try job.lastRun(in: store) else {
                    try job.recordRun(now, in: store)
                    return 0
                }
                guard let run = job.dueRun(lastRun: last, now: now) else { return 0 }
                try job.recordRun(run, in: store)
            }
            guard let body = try text() else { return 0 }
            let targets = try targets()
            for target in targets {
                try store.enqueueDelivery(
                    orgID: org.id, channel: .chat, transport: target.transport, target: target.chatKey, kind: .notice,
                    alertIDs: [], body: body, now: now)
            }
            return targets.count
        }
    }
}

extension Store {
    /// Whether the shop has any sales line at all.
    public func hasSales(orgID: Int64) throws -> Bool {
        try database.queryFirst("SELECT 1 FROM sales WHERE org_id = ? LIMIT 1", [.integer(orgID)]) { _ in true }
            ?? false
    }
}
