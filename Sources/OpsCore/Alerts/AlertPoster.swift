import Foundation

/// Turns alert changes into outbox items: routes expanded to chats, addresses and numbers; alerts grouped
/// into one message per target; edits and "resolved" replies aimed at the messages that showed the alert.
struct AlertPoster {
    let store: Store
    let org: Org
    let recipients: AlertRecipients

    struct Target: Hashable {
        let channel: OutboxItem.Channel
        let transport: String
        let address: String
    }

    static let selectAlertChats = """
        SELECT transport, chat_key FROM chats WHERE org_id = ? AND active = 1 AND receives_alerts = 1 ORDER BY id
        """

    func targets(for route: AlertRoute) throws -> [Target] {
        var targets: [Target] = []
        for target in route.targets {
            switch target {
            case .chats:
                let chats = try store.database.query(Self.selectAlertChats, [.integer(org.id)]) {
                    Target(channel: .chat, transport: $0.string(0), address: $0.string(1))
                }
                targets += chats.isEmpty ? try standIns(for: route) : chats
            case .chat(let transport, let key):
                targets.append(Target(channel: .chat, transport: transport, address: key))
            case .member(let id):
                if let chat = try store.privateChat(memberID: id) {
                    targets.append(Target(channel: .chat, transport: chat.transport, address: chat.chatKey))
                }
            case .email:
                targets += recipients.emails.map { Target(channel: .email, transport: "", address: $0) }
            case .sms:
                targets += recipients.phones.map { Target(channel: .sms, transport: "", address: $0) }
            }
        }
        return targets
    }

    /// Until a chat gets alerts, an alert for "chats" goes to the owners' private chats, else to the email
    /// recipients; never nowhere while there is somewhere (`Store.unroutedAlertCount` counts the rest).
    private func standIns(for route: AlertRoute) throws -> [Target] {
        var owners: [Target] = []
        for id in try store.ownerIDs(orgID: org.id) {
            if let chat = try store.privateChat(memberID: id) {
                owners.append(Target(channel: .chat, transport: chat.transport, address: chat.chatKey))
            }
        }
        if !owners.isEmpty || route.targets.contains(.email) { return owners }
        return recipients.emails.map { Target(channel: .email, transport: "", address: $0) }
    }

    /// One message per target for alerts that fired or are due a reminder in the same evaluation.
    /// Returns the number of outbox items written.
    func post(opened: [Alert], reminded: [Alert], rules: AlertRuleSet, now: Date) throws -> Int {
        struct Group {
            var ids: [Int64] = []
            var seen: Set<Int64> = []
            var new = false
        }
        var targetsByKind: [AlertKind: [Target]] = [:]
        var order: [Target] = []
        var groups: [Target: Group] = [:]
        for (alert, new) in opened.map({ ($0, true) }) + reminded.map({ ($0, false) }) {
            // One route per kind: its chats are looked up once, not once per alert.
            let targets = try targetsByKind[alert.kind] ?? targets(for: rules.rule(alert.kind).route)
            targetsByKind[alert.kind] = targets
            for target in targets {
                if groups[target] == nil { order.append(target) }
                if groups[target, default: Group()].seen.insert(alert.id).inserted {
                    groups[target, default: Group()].ids.append(alert.id)
                }
                if new { groups[target, default: Group()].new = true }
            }
        }
        for target in order {
            guard let group = groups[target] else { continue }
            try store.enqueueDelivery(
                orgID: org.id, channel: target.channel, transport: target.transport, target: target.address,
                kind: group.new ? .alert : .reminder, alertIDs: group.ids, now: now)
        }
        return order.count
    }

    /// Each message that showed one of the alerts is edited to show their state now. The edit item names only
    /// the changed alerts; the message is re-rendered from all of its own when it goes out.
    func edit(alertIDs: [Int64], now: Date) throws -> Int {
        var order: [Int64] = []
        var posts: [Int64: (transport: String, target: String, ids: [Int64])] = [:]
        for alertID in alertIDs {
            for post in try store.alertPosts(alertID: alertID) where post.status != .failed {
                if posts[post.id] == nil {
                    order.append(post.id)
                    posts[post.id] = (post.transport, post.target, [])
                }
                posts[post.id]!.ids.append(alertID)
            }
        }
        for id in order {
            let post = posts[id]!
            try store.enqueueDelivery(
                orgID: org.id, channel: .chat, transport: post.transport, target: post.target, kind: .edit,
                refersTo: id,
                alertIDs: post.ids, now: now)
        }
        return order.count
    }

    /// "Resolved" once per chat, as a reply to the latest message there that showed the alert; the messages
    /// are edited too. Alerts cleared together under the same message share one reply.
    func announceResolved(_ alerts: [Alert], now: Date) throws -> Int {
        var order: [Int64] = []
        var byPost: [Int64: (transport: String, target: String, ids: [Int64])] = [:]
        for alert in alerts {
            var latest: [String: (id: Int64, transport: String, target: String)] = [:]
            for post in try store.alertPosts(alertID: alert.id) where post.status != .failed {
                latest[post.transport + "\u{0}" + post.target] = (post.id, post.transport, post.target)
            }
            for post in latest.values.sorted(by: { $0.id < $1.id }) {
                if byPost[post.id] == nil {
                    order.append(post.id)
                    byPost[post.id] = (post.transport, post.target, [])
                }
                byPost[post.id]!.ids.append(alert.id)
            }
        }
        for id in order {
            let post = byPost[id]!
            try store.enqueueDelivery(
                orgID: org.id, channel: .chat, transport: post.transport, target: post.target, kind: .resolved,
                refersTo: id, alertIDs: post.ids, now: now)
        }
        return order.count + (try edit(alertIDs: alerts.map(\.id), now: now))
    }
}
