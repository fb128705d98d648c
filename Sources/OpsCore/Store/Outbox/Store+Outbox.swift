import Foundation

extension Store {
    static let outboxColumns = """
        o.id, o.org_id, o.channel, o.transport, o.target, o.kind, o.refers_to, o.status, o.attempts, o.created_at,
        o.sent_at, o.message_key, o.last_error, (SELECT group_concat(alert_id) FROM outbox_alerts WHERE outbox_id = o.id),
        o.body
        """
    static let insertOutboxSQL = """
        INSERT INTO outbox (org_id, channel, transport, target, kind, refers_to, next_attempt_at, created_at, body)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertOutboxAlertSQL = "INSERT OR IGNORE INTO outbox_alerts (outbox_id, alert_id) VALUES (?, ?)"
    static let selectDueOutbox = """
        SELECT \(outboxColumns) FROM outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.id LIMIT ?
        """
    static let selectOutboxItem = "SELECT \(outboxColumns) FROM outbox o WHERE o.id = ?"
    static let selectAlertOutbox = """
        SELECT \(outboxColumns) FROM outbox o JOIN outbox_alerts a ON a.outbox_id = o.id WHERE a.alert_id = ? ORDER BY o.id
        """
    static let selectAlertPosts = """
        SELECT o.id, o.transport, o.target, o.status FROM outbox_alerts a JOIN outbox o ON o.id = a.outbox_id
        WHERE a.alert_id = ? AND o.channel = 'chat' AND o.kind IN ('alert', 'reminder') ORDER BY o.id
        """
    static let selectIsAlertPost = """
        SELECT 1 FROM outbox WHERE channel = 'chat' AND transport = ? AND target = ? AND message_key = ?
        AND kind IN ('alert', 'reminder') LIMIT 1
        """
    static let insertAttemptSQL = "INSERT INTO delivery_attempts (outbox_id, at, outcome, answer) VALUES (?, ?, ?, ?)"
    static let selectAttempts =
        "SELECT outbox_id, at, outcome, answer FROM delivery_attempts WHERE outbox_id = ? ORDER BY id"

    /// Whether the chat message `messageKey` is an alert the delivery loop posted (and so edits itself as the
    /// alert changes), rather than a question the bot asked in a reply.
    public func isAlertPost(transport: String, target: String, messageKey: String) throws -> Bool {
        try database.queryFirst(
            Self.selectIsAlertPost, [.text(transport), .text(target), .text(messageKey)]
        ) { _ in true } ?? false
    }

    /// Queues a message about `alertIDs`; sent by the delivery loop once the surrounding transaction commits.
    @discardableResult
    public func enqueueDelivery(
        orgID: Int64, channel: OutboxItem.Channel, transport: String = "", target: String, kind: OutboxItem.Kind,
        refersTo: Int64? = nil, alertIDs: [Int64], body: String? = nil, now: Date
    ) throws -> Int64 {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try database.execute(
            Self.insertOutboxSQL,
            [
                .integer(orgID), .text(channel.rawValue), .text(transport), .text(target), .text(kind.rawValue),
                refersTo.map { .integer($0) } ?? .null, at, at, .optionalText(body),
            ])
        let id = database.lastInsertedRowID
        for alertID in alertIDs { try database.execute(Self.insertOutboxAlertSQL, [.integer(id), .integer(alertID)]) }
        return id
    }

    /// Pending items whose time has come, oldest first.
    public func dueDeliveries(now: Date, limit: Int = 50) throws -> [OutboxItem] {
        try database.query(
            Self.selectDueOutbox, [.integer(Int64(now.timeIntervalSince1970)), .int(limit)], Self.decodeOutbox)
    }

    public func outboxItem(id: Int64) throws -> OutboxItem? {
        try database.queryFirst(Self.selectOutboxItem, [.integer(id)], Self.decodeOutbox)
    }

    /// Every message about one alert, in the order they were queued.
    public func deliveries(alertID: Int64) throws -> [OutboxItem] {
        try database.query(Self.selectAlertOutbox, [.integer(alertID)], Self.decodeOutbox)
    }

    /// The chat messages that showed an alert (its alert and reminder posts): id, transport, chat and status,
    /// without the other alerts each one carried (a nightly post can carry thousands).
    func alertPosts(alertID: Int64) throws -> [(
        id: Int64, transport: String, target: String, status: OutboxItem.Status
    )] {
        try database.query(Self.selectAlertPosts, [.integer(alertID)]) {
            ($0.int64(0), $0.string(1), $0.string(2), OutboxItem.Status(rawValue: $0.string(3)) ?? .pending)
        }
    }

    public func deliveryAttempts(outboxID: Int64) throws -> [DeliveryAttempt] {
        try database.query(Self.selectAttempts, [.integer(outboxID)]) { row in
            DeliveryAttempt(
                outboxID: row.int64(0), at: Date(timeIntervalSince1970: TimeInterval(row.int(1))),
                outcome: DeliveryAttempt.Outcome(rawValue: row.string(2)) ?? .failed, answer: row.string(3))
        }
    }

    /// Records one attempt and moves the item on: sent, due again at `retryAt`, or failed for good.
    public func recordDelivery(
        id: Int64, outcome: DeliveryAttempt.Outcome, answer: String, messageKey: String? = nil, retryAt: Date? = nil,
        now: Date
    ) throws {
        let at = SQLValue.integer(Int64(now.timeIntervalSince1970))
        try write {
            try database.execute(Self.insertAttemptSQL, [.integer(id), at, .text(outcome.rawValue), .text(answer)])
            switch outcome {
            case .sent:
                try database.execute(
                    "UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, message_key = ? WHERE id = ?",
                    [at, .optionalText(messageKey), .integer(id)])
            case .retry:
                try database.execute(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                    [.integer(Int64((retryAt ?? now).timeIntervalSince1970)), .text(answer), .integer(id)])
            case .failed:
                try database.execute(
                    "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?",
                    [.text(answer), .integer(id)])
            }
        }
    }

    static func decodeOutbox(_ row: Row) -> OutboxItem {
        func date(_ index: Int) -> Date? {
            row.optionalInt(index).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return OutboxItem(
            id: row.int64(0), orgID: row.int64(1), channel: OutboxItem.Channel(rawValue: row.string(2)) ?? .chat,
            transport: row.string(3), target: row.string(4), kind: OutboxItem.Kind(rawValue: row.string(5)) ?? .alert,
            refersTo: row.isNull(6) ? nil : row.int64(6),
            status: OutboxItem.Status(rawValue: row.string(7)) ?? .pending,
            attempts: row.int(8), createdAt: Date(timeIntervalSince1970: TimeInterval(row.int(9))), sentAt: date(10),
            messageKey: row.optionalString(11), lastError: row.optionalString(12),
            alertIDs: (row.optionalString(13) ?? "").split(separator: ",").compactMap { Int64($0) }.sorted(),
            body: row.optionalString(14))
    }
}
