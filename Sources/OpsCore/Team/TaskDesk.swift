import Foundation

/// Tasks: handed out (the assignee is told in private chat), listed, finished with a note, commented on.
/// Finishing a task that came from an alert resolves the alert, or only acknowledges it when the shop's
/// managers chose so ("tasks acknowledge alerts").
public struct TaskDesk {
    /// What finishing a task does to its alert.
    public enum AlertFollowUp: String, Sendable {
        case resolve
        case acknowledge
    }

    static let followUpSetting = "task_done_alert"

    let store: Store
    let org: Org

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    static let columns = """
        t.id, t.title, t.alert_id, t.assignee_id, a.name, t.assigner_id, g.name, t.due_at, t.status, t.created_at,
        t.done_at, t.note
        """
    static let from = "FROM tasks t JOIN members a ON a.id = t.assignee_id LEFT JOIN members g ON g.id = t.assigner_id"

    public func followUp() throws -> AlertFollowUp {
        try store.orgSetting(Self.followUpSetting, orgID: org.id).flatMap(AlertFollowUp.init) ?? .resolve
    }

    public func setFollowUp(_ followUp: AlertFollowUp, by member: Member, now: Date) throws {
        try store.write {
            try store.setOrgSetting(Self.followUpSetting, followUp.rawValue, orgID: org.id)
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "team.setting",
                summary:
                    "\(member.name): finished tasks now \(followUp == .resolve ? "resolve" : "acknowledge") their alerts",
                at: now)
        }
    }

    /// Creates a task and tells the assignee. With `alertID`, the alert is marked assigned too.
    @discardableResult
    public func assign(
        _ title: String, to assignee: Member, by assigner: Member, due: Date? = nil, alertID: Int64? = nil, now: Date
    ) throws -> TeamTask {
        try store.write {
            try store.database.execute(
                """
                INSERT INTO tasks (org_id, title, alert_id, assignee_id, assigner_id, due_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(org.id), .text(title), alertID.map { .integer($0) } ?? .null, .integer(assignee.id),
                    .integer(assigner.id), .optionalInt(due.map { Int($0.timeIntervalSince1970) }),
                    .integer(Int64(now.timeIntervalSince1970)),
                ])
            let id = store.database.lastInsertedRowID
            if let alertID {
                try AlertDesk(store: store, org: org).apply(
                    .assign(
                        .init(
                            transport: assignee.transport, userKey: assignee.userKey, name: assignee.name,
                            handle: assignee.handle)), to: alertID, by: assigner, now: now)
            }
            let due = due.map { " by \(AlertDesk.timestamp($0, org: org))" } ?? ""
            try store.recordActivity(
                orgID: org.id, memberID: assigner.id, kind: "task.assigned",
                summary: "\(assigner.name) gave task #\(id) to \(assignee.name): \(title)\(due)", at: now)
            if assignee.id != assigner.id {
                try store.notify(
                    memberID: assignee.id, orgID: org.id,
                    "\(assigner.name) gave you task #\(id): \(title)\(due).\nSay “done \(id)” when it's done "
                        + "(add a note: “done \(id) ordered 2 crates”).", now: now)
            }
            guard let task = try task(id: id) else { throw TaskError.notFound(id) }
            return task
        }
    }

    public func task(id: Int64) throws -> TeamTask? {
        try store.database.queryFirst(
            "SELECT \(Self.columns) \(Self.from) WHERE t.org_id = ? AND t.id = ?", [.integer(org.id), .integer(id)],
            Self.decode)
    }

    /// Open tasks, soonest due first (no due time last); only one member's with `assigneeID`.
    public func openTasks(assigneeID: Int64? = nil) throws -> [TeamTask] {
        var sql = "SELECT \(Self.columns) \(Self.from) WHERE t.org_id = ? AND t.status = 'open'"
        var values: [SQLValue] = [.integer(org.id)]
        if let assigneeID {
            sql += " AND t.assignee_id = ?"
            values.append(.integer(assigneeID))
        }
        sql += " ORDER BY t.due_at IS NULL, t.due_at, t.id"
        return try store.database.query(sql, values, Self.decode)
    }

    /// Marks a task done. Staff may finish only their own; managers and owners any.
    @discardableResult
    public func finish(_ id: Int64, by member: Member, note: String?, now: Date) throws -> (TeamTask, Alert?) {
        try store.write {
            guard let task = try task(id: id) else { throw TaskError.notFound(id) }
            guard task.status == .open else { throw TaskError.alreadyDone(task) }
            guard task.assigneeID == member.id || member.role >= .manager else { throw TaskError.notYours(task) }
            try store.database.execute(
                "UPDATE tasks SET status = 'done', done_at = ?, note = ? WHERE id = ?",
                [.integer(Int64(now.timeIntervalSince1970)), .optionalText(note), .integer(id)])
            var alert: Alert?
            if let alertID = task.alertID, let open = try store.alert(id: alertID, orgID: org.id), !open.isResolved {
                // Resolved, or (when the shop chose so) handed back for a manager's check, off anyone's list.
                alert = try AlertDesk(store: store, org: org).apply(
                    try followUp() == .resolve ? .resolve : .handBack, to: alertID, by: member, now: now)
            }
            // After the alert's line, so the feed (newest first) reads cause, then effect.
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "task.done",
                summary: "\(member.name) finished task #\(id): \(task.title)" + (note.map { " — \($0)" } ?? ""), at: now
            )
            if let assigner = task.assignerID, assigner != member.id {
                try store.notify(
                    memberID: assigner, orgID: org.id,
                    "\(member.name) finished task #\(id): \(task.title)" + (note.map { " — \($0)" } ?? ""), now: now)
            }
            guard let done = try self.task(id: id) else { throw TaskError.notFound(id) }
            return (done, alert)
        }
    }

    /// A comment on an alert or a task, kept with who and when, and in the activity feed.
    public func comment(alertID: Int64? = nil, taskID: Int64? = nil, _ text: String, by member: Member, now: Date)
        throws
    {
        try store.write {
            try store.database.execute(
                "INSERT INTO comments (org_id, alert_id, task_id, member_id, at, text) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .integer(org.id), alertID.map { .integer($0) } ?? .null, taskID.map { .integer($0) } ?? .null,
                    .integer(member.id), .integer(Int64(now.timeIntervalSince1970)), .text(text),
                ])
            let what = alertID.map { "alert #\($0)" } ?? taskID.map { "task #\($0)" } ?? "the shop"
            try store.recordActivity(
                orgID: org.id, memberID: member.id, kind: "comment", summary: "\(member.name) on \(what): \(text)",
                at: now)
        }
    }

    /// Comments on an alert or task, oldest first: (who, when, text).
    public func comments(alertID: Int64? = nil, taskID: Int64? = nil) throws -> [(String, Date, String)] {
        try store.database.query(
            """
            SELECT COALESCE(m.name, 'someone'), c.at, c.text FROM comments c LEFT JOIN members m ON m.id = c.member_id
            WHERE c.org_id = ? AND (c.alert_id = ? OR c.task_id = ?) ORDER BY c.id
            """, [.integer(org.id), alertID.map { .integer($0) } ?? .null, taskID.map { .integer($0) } ?? .null]
        ) { ($0.string(0), Date(timeIntervalSince1970: TimeInterval($0.int(1))), $0.string(2)) }
    }

    /// Overdue tasks remind their assignee once when due, then their assigner once an hour later.
    /// Returns the number of reminders queued.
    @discardableResult
    public func remindOverdue(now: Date, assignerDelay: TimeInterval = 3600) throws -> Int {
        try store.write {
            let at = Int64(now.timeIntervalSince1970)
            var count = 0
            let due = try store.database.query(
                """
                SELECT \(Self.columns), t.reminded_assignee_at, t.reminded_assigner_at \(Self.from)
                WHERE t.org_id = ? AND t.status = 'open' AND t.due_at <= ? AND t.reminded_assigner_at IS NULL
                """, [.integer(org.id), .integer(at)]
            ) { row in (Self.decode(row), row.optionalInt(12), row.optionalInt(13)) }
            for (task, remindedAssignee, _) in due {
                guard let dueAt = task.dueAt else { continue }
                if remindedAssignee == nil {
                    try store.notify(
                        memberID: task.assigneeID, orgID: org.id,
                        "Task #\(task.id) is due: \(task.title). Say “done \(task.id)” when it's done.", now: now)
                    try store.database.execute(
                        "UPDATE tasks SET reminded_assignee_at = ? WHERE id = ?", [.integer(at), .integer(task.id)])
                    count += 1
                } else if now.timeIntervalSince(dueAt) >= assignerDelay, let assigner = task.assignerID {
                    try store.notify(
                        memberID: assigner, orgID: org.id,
                        "Task #\(task.id) for \(task.assigneeName) is overdue since \(AlertDesk.timestamp(dueAt, org: org)): "
                            + task.title, now: now)
                    try store.database.execute(
                        "UPDATE tasks SET reminded_assigner_at = ? WHERE id = ?", [.integer(at), .integer(task.id)])
                    count += 1
                }
            }
            return count
        }
    }

    static func decode(_ row: Row) -> TeamTask {
        func date(_ index: Int) -> Date? {
            row.optionalInt(index).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
        return TeamTask(
            id: row.int64(0), title: row.string(1), alertID: row.isNull(2) ? nil : row.int64(2),
            assigneeID: row.int64(3),
            assigneeName: row.string(4), assignerID: row.isNull(5) ? nil : row.int64(5),
            assignerName: row.optionalString(6),
            dueAt: date(7), status: TeamTask.Status(rawValue: row.string(8)) ?? .open,
            createdAt: Date(timeIntervalSince1970: TimeInterval(row.int(9))), doneAt: date(10),
            note: row.optionalString(11))
    }
}

public enum TaskError: Error, CustomStringConvertible, Equatable {
    case notFound(Int64)
    case alreadyDone(TeamTask)
    case notYours(TeamTask)

    public var description: String {
        switch self {
        case .notFound(let id): return "There is no task #\(id). Say “my tasks” to see yours."
        case .alreadyDone(let task): return "Task #\(task.id) is already done."
        case .notYours(let task): return "Task #\(task.id) is \(task.assigneeName)'s; a manager can close it for them."
        }
    }
}
