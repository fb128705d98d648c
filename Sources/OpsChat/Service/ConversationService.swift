import Foundation
import OpsCore

/// The store and the conversation behind every transport, on one serial queue of their own: SQLite calls
/// block, so they stay off the cooperative pool, and one connection is used by one thread at a time.
///
/// One service serves one shop, `orgID`: every request through it is that shop's (its chats, its alerts, its
/// setup code). The application layer: transports call it, and it knows no platform.
public actor ConversationService {
    private let executor = DispatchQueueExecutor(label: "opsbot.conversation")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let store: Store
    private let conversation: Conversation

    let alertRecipients: AlertRecipients
    /// The shop this service serves.
    public nonisolated let orgID: Int64
    /// The database file, for a transport that keeps what a platform hands it on a connection of its own.
    public nonisolated let databasePath: String

    /// Opens the store at `path` for the shop `orgID` (nil: the database's shop, created on first use).
    /// `alertRecipients`: where alerts routed to email and SMS go.
    public init(
        databasePath: String, orgID: Int64? = nil, clock: any WallClock = SystemClock(),
        alertRecipients: AlertRecipients = AlertRecipients()
    ) throws {
        let store = try Store(path: databasePath)
        self.databasePath = databasePath
        self.orgID = try orgID.map { try store.org(id: $0).id } ?? store.ensureOrg().id
        self.store = store
        self.alertRecipients = alertRecipients
        self.conversation = Conversation(
            store: store, orgID: self.orgID, clock: clock, alertRecipients: alertRecipients)
    }

    public func handle(_ message: ChatMessage, file: [UInt8]? = nil) -> Reply {
        conversation.handle(message, file: file)
    }

    /// The refusal of an attachment that need not be downloaded (see `Conversation.refusal(forAttachmentOf:)`).
    public func refusal(forAttachmentOf message: ChatMessage) -> Reply? {
        conversation.refusal(forAttachmentOf: message)
    }

    /// Whether the message's text would be understood (not the "didn't get that" answer): groups hear only those.
    public func understands(_ text: String) -> Bool {
        conversation.understands(text, orgID: orgID)
    }

    /// How a transport names the bot and writes invite links (see `TransportIdentity`).
    public func setIdentity(_ identity: TransportIdentity) { conversation.setIdentity(identity) }

    /// A one-time code for the first owner when nobody owns the shop in chat yet (printed by `opsbot run`).
    public func setupCode(now: Date = Date()) throws -> String? {
        let org = try store.org(id: orgID)
        return try Invites(store: store, org: org).setupCode(now: now)
    }

    /// Reminds about overdue tasks (the assignee, then the assigner) and deliveries past their due day (the
    /// alert chats, once); returns how many reminders were queued.
    public func remindOverdueTasks(now: Date) throws -> Int {
        let org = try store.org(id: orgID)
        return try TaskDesk(store: store, org: org).remindOverdue(now: now)
            + OverdueOrderReminder(store: store, org: org).remind(now: now)
    }

    /// What the bot says in a group it was just added to: who it is and what a manager sends to make the group the
    /// shop's (nothing more: nobody asked it anything yet).
    public func groupHello() throws -> Reply {
        let org = try store.org(id: orgID)
        return .text(
            "Hi, I'm the stock and sales bot of \(org.name). To make this the shop's group (alerts come here), "
                + "the owner or a manager sends /start here.")
    }

    /// Keeps the chats table in step with what the platform reports.
    public func chatSeen(transport: String, chatKey: String, group: Bool, title: String?) throws {
        let org = try store.org(id: orgID)
        try store.recordChat(
            orgID: org.id, transport: transport, chatKey: chatKey, kind: group ? "group" : "private", title: title)
    }

    /// Someone wrote in a chat (even to others): remembered to offer active members first when assigning.
    public func personSeen(transport: String, chatKey: String, userKey: String, name: String, handle: String?) throws {
        try store.recordChatPerson(
            transport: transport, chatKey: chatKey, userKey: userKey, name: name, handle: handle, now: Date())
    }

    public func chatGone(transport: String, chatKey: String) throws {
        try store.setChatActive(false, transport: transport, chatKey: chatKey)
    }

    public func chatMoved(transport: String, from oldKey: String, to newKey: String) throws {
        try store.migrateChat(transport: transport, from: oldKey, to: newKey)
    }

    /// Records that `messageKey` is being handled; returns which attempt this is (see `Store.beginHandling`).
    public func beginHandling(transport: String, messageKey: String) throws -> Int {
        try store.beginHandling(transport: transport, messageKey: messageKey)
    }

    /// The message in flight is done with; `state` (the transport's offset) is stored with it, in one transaction.
    public func endHandling(transport: String, state: (key: String, value: String)?) throws {
        try store.endHandling(transport: transport, state: state)
    }

    public func nextInbound(transport: String) throws -> InboundItem? {
        try store.nextInbound(transport: transport)
    }

    /// The inbox item is handled; `state` is stored with it, and the message in flight cleared, in one transaction.
    public func settleInbound(transport: String, id: Int64, state: (key: String, value: String)?) throws {
        try store.settleInbound(transport: transport, id: id, state: state)
    }

    /// Whether a chat message is an alert post, which the delivery loop keeps up to date itself.
    public func isAlertPost(transport: String, chatKey: String, messageKey: String) throws -> Bool {
        try store.isAlertPost(transport: transport, target: chatKey, messageKey: messageKey)
    }

    public func state(transport: String, key: String) throws -> String? {
        try store.transportState(transport: transport, key: key)
    }

    public func setState(transport: String, key: String, value: String) throws {
        try store.setTransportState(transport: transport, key: key, value: value)
    }

    /// Evaluates the shop's alerts now; with `job`, only when its scheduled time has come, recording the run in
    /// the same transaction (a first start records "now" and runs nothing, so no backlog fires at install). The
    /// schedule is read in the shop's time zone as it is now: "settings timezone …" moves the next run at once.
    public func evaluateAlerts(now: Date, job: ScheduledJob? = nil) throws -> AlertEvaluation? {
        let org = try store.org(id: orgID)
        let job = job.map { ScheduledJob(name: $0.name, schedule: $0.schedule, timeZone: org.timeZone) }
        return try store.write {
            if let job {
                guard let last = try job.lastRun(in: store) else {
                    try job.recordRun(now, in: store)
                    return nil
                }
                guard let run = job.dueRun(lastRun: last, now: now) else { return nil }
                try job.recordRun(run, in: store)
            }
            return try AlertEngine(store: store, org: org, recipients: alertRecipients).evaluate(now: now)
        }
    }

    /// What to tell the operator about open alerts that reach nobody (see `Store.unroutedAlertsNotice`).
    public func unroutedAlertsNotice() throws -> String? {
        let org = try store.org(id: orgID)
        return try store.unroutedAlertsNotice(orgID: org.id)
    }

    /// Outbox items due now, rendered.
    public func dueDeliveries(now: Date, limit: Int = 20) throws -> [PreparedDelivery] {
        try store.dueDeliveries(now: now, limit: limit).map { try store.prepare($0, now: now) }
    }

    public func recordDelivery(
        id: Int64, outcome: DeliveryAttempt.Outcome, answer: String, messageKey: String?, retryAt: Date?, now: Date
    ) throws {
        try store.recordDelivery(
            id: id, outcome: outcome, answer: answer, messageKey: messageKey, retryAt: retryAt, now: now)
    }

    /// Runs `body` with the store, on the service's queue (for wiring and tests).
    public func withStore<T: Sendable>(_ body: (Store) throws -> T) rethrows -> T { try body(store) }
}
