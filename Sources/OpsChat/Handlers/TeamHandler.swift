import Foundation
import OpsCore

/// Joining, invites, roles, tasks and the activity feed.
struct TeamHandler {
    func reply(_ command: TeamCommand, context: HandlerContext) throws -> Reply {
        switch command {
        case .start(let code):
            return try start(code: code, context: context)
        case .invite(let role):
            return try invite(role, context: context)
        case .invites:
            return try invites(context: context)
        case .revoke(let code):
            let done = try Invites(store: context.store, org: context.org).revoke(
                code, by: context.member, now: context.now)
            return .text(
                done
                    ? "Revoked: that code no longer works." : "No open invite has that code. Say “invites” to see them."
            )
        case .members:
            return try members(context: context)
        case .setRole(let person, let role):
            return try setRole(person, role, context: context)
        case .remove(let person):
            return try remove(person, context: context)
        case .task(let title, let person, let due):
            return try task(title, person: person, due: due, context: context)
        case .tasks(let mine):
            return try tasks(mine: mine, context: context)
        case .done(let id, let note):
            return try done(id, note: note, context: context)
        case .comment(let alertID, let taskID, let text):
            return try comment(alertID: alertID, taskID: taskID, text, context: context)
        case .activity(let today):
            return try activity(today: today, context: context)
        case .usage(let hint):
            return .text(hint)
        case .taskFollowUp(let resolve):
            try TaskDesk(store: context.store, org: context.org)
                .setFollowUp(resolve ? .resolve : .acknowledge, by: context.member, now: context.now)
            return .text(
                "When a task from an alert is done, its alert will be \(resolve ? "resolved" : "acknowledged").")
        }
    }

    /// A member's "/start": a code (a new role), a group joining the shop, or a welcome.
    private func start(code: String?, context: HandlerContext) throws -> Reply {
        let message = context.message
        if let code {
            do {
                let sender = message.sender
                let member = try Invites(store: context.store, org: context.org).redeem(
                    code, transport: message.transport, userKey: sender.userKey, name: context.member.name,
                    handle: sender.handle, now: context.now)
                return .text("You're now \(Permission.noun(member.role)) of \(context.org.name).")
            } catch let error as InviteError {
                return .text(error.description)
            }
        }
        guard message.chat.kind == .group else { return HelpHandler().reply(topic: nil, context: context) }
        guard context.member.role >= Permission.addGroup.minimumRole else {
            return .text(Permission.addGroup.refusal(for: context.member))
        }
        let posted = try context.store.write {
            let before = try context.store.chat(transport: message.transport, chatKey: message.chat.id)
            try context.store.recordChat(
                orgID: context.org.id, transport: message.transport, chatKey: message.chat.id, kind: "group",
                title: message.chat.title)
            try context.store.setChatReceivesAlerts(true, transport: message.transport, chatKey: message.chat.id)
            // The alerts already open come once, when the group starts receiving them.
            let posted =
                before?.receivesAlerts == true
                ? 0
                : try AlertEngine(store: context.store, org: context.org).postOpenAlerts(
                    toChat: message.transport, chatKey: message.chat.id, now: context.now)
            try context.store.recordActivity(
                orgID: context.org.id, memberID: context.member.id, kind: "team.group",
                summary: "\(context.member.name) added the group “\(message.chat.title ?? message.chat.id)”",
                at: context.now)
            return posted
        }
        return .text(
            "This group is now part of \(context.org.name): alerts will come here"
                + (posted > 0
                    ? " (the \(posted == 1 ? "one" : "\(posted)") already open follow\(posted == 1 ? "s" : ""))" : "")
                + ". Ask “stock low?” or “alerts”; managers can give tasks with “task: recount the fridge @sam by 5pm”."
        )
    }

    private func invite(_ role: Role, context: HandlerContext) throws -> Reply {
        guard role != .owner else {
            return .text("Owners can't be invited: invite a manager, then “make @name owner”.")
        }
        let code = try Invites(store: context.store, org: context.org).create(
            role: role, by: context.member, now: context.now)
        var lines = [
            "Invite for \(Permission.noun(role)): \(code)",
            "They send “\(context.identity?.startCommand ?? "/start") \(code)” to the bot",
        ]
        if let link = context.identity?.inviteLink(code) {
            lines[1] += " — or open \(link)"
        }
        lines.append("It works once, for 7 days. “revoke \(code)” cancels it.")
        return Reply(blocks: [.text(lines.joined(separator: "\n"))])
    }

    private func invites(context: HandlerContext) throws -> Reply {
        let open = try Invites(store: context.store, org: context.org).open(now: context.now)
        guard !open.isEmpty else { return .text("No open invites. “invite staff” makes one.") }
        let lines = open.map { invite in
            "\(invite.hint) \(invite.role.rawValue), by \(invite.createdBy ?? "?"), until "
                + context.dates.moment(invite.expiresAt, now: context.now)
        }
        return Reply(blocks: [
            .title("Open invites (\(open.count))"), .text(lines.joined(separator: "\n")),
            .text("Revoke one with “revoke CODE” (the whole code)."),
        ])
    }

    private func members(context: HandlerContext) throws -> Reply {
        let members = try context.store.members(orgID: context.org.id).sorted {
            ($1.role, $0.name) < ($0.role, $1.name)
        }
        let lines = members.map { "\($0.name)" + ($0.handle.map { " @\($0)" } ?? "") + " — \($0.role.rawValue)" }
        return Reply(blocks: [
            .title("\(context.org.name): \(members.count) people"), .text(lines.joined(separator: "\n")),
        ])
    }

    /// The one member `person` names, or the reply that asks which or says none.
    private enum Found {
        case success(Member)
        case failure(Reply)
    }

    private func one(_ person: String, context: HandlerContext, action: (Member) -> String) throws -> Found {
        switch try MemberResolver(context: context).resolve(person) {
        case .one(let member): return .success(member)
        case .none: return .failure(.text("No member is called “\(person)”. Say “team” to see everyone."))
        case .several(let members):
            return .failure(
                Reply(
                    blocks: [.text("Several people match “\(person)”. Which one?")],
                    buttons: MemberResolver.buttons(members, action: action)))
        }
    }

    private func owners(_ context: HandlerContext) throws -> Int {
        try context.store.members(orgID: context.org.id).filter { $0.role == .owner }.count
    }

    private func setRole(_ person: String, _ role: Role, context: HandlerContext) throws -> Reply {
        let member: Member
        switch try one(person, context: context, action: { "make id:\($0.userKey) \(role.rawValue)" }) {
        case .success(let found): member = found
        case .failure(let reply): return reply
        }
        guard member.role != role else { return .text("\(member.name) is already \(Permission.noun(role)).") }
        if member.role == .owner, try owners(context) <= 1 {
            return .text("\(member.name) is the only owner; make someone else owner first.")
        }
        try context.store.write {
            try context.store.setRole(role, memberID: member.id)
            try context.store.recordActivity(
                orgID: context.org.id, memberID: context.member.id, kind: "team.role",
                summary: "\(context.member.name) made \(member.name) \(Permission.noun(role))", at: context.now)
            try context.store.notify(
                memberID: member.id, orgID: context.org.id,
                "\(context.member.name) made you \(Permission.noun(role)) of \(context.org.name).", now: context.now)
        }
        return .text("\(member.name) is now \(Permission.noun(role)) (was \(member.role.rawValue)).")
    }

    private func remove(_ person: String, context: HandlerContext) throws -> Reply {
        let member: Member
        switch try one(person, context: context, action: { "remove id:\($0.userKey)" }) {
        case .success(let found): member = found
        case .failure(let reply): return reply
        }
        guard member.id != context.member.id else { return .text("You can't remove yourself; another owner can.") }
        if member.role == .owner, try owners(context) <= 1 { return .text("\(member.name) is the only owner.") }
        try context.store.write {
            try context.store.removeMember(id: member.id)
            try context.store.recordActivity(
                orgID: context.org.id, memberID: context.member.id, kind: "team.removed",
                summary: "\(context.member.name) removed \(member.name) (\(member.role.rawValue))", at: context.now)
        }
        return .text("\(member.name) is no longer in \(context.org.name); their open tasks went with them.")
    }

    private func task(_ title: String, person: String?, due: String?, context: HandlerContext) throws -> Reply {
        guard let person else {
            return .text("Who should do it? Name them with @: “task: \(title) @sam by 5pm”.")
        }
        var dueAt: Date?
        if let due {
            guard let parsed = DueTimeParser(calendar: context.org.calendar, now: context.now).parse(due) else {
                return .text("I can't read “by \(due)”. Try “by 5pm”, “by 17:00”, “by tomorrow 9am” or “by friday”.")
            }
            dueAt = parsed
        }
        let member: Member
        let encodedTitle = title + (due.map { " by \($0)" } ?? "")
        switch try one(person, context: context, action: { "task: \(encodedTitle) @id:\($0.userKey)" }) {
        case .success(let found): member = found
        case .failure(let reply): return reply
        }
        let task = try TaskDesk(store: context.store, org: context.org)
            .assign(title, to: member, by: context.member, due: dueAt, now: context.now)
        let told = try context.howTold(member)
        return .text(
            "Task #\(task.id) for \(member.name): \(title)"
                + (dueAt.map { ", due \(context.dates.moment($0, now: context.now))" } ?? "") + ".\(told)")
    }

    private func tasks(mine: Bool, context: HandlerContext) throws -> Reply {
        let tasks = try TaskDesk(store: context.store, org: context.org).openTasks(
            assigneeID: mine ? context.member.id : nil)
        guard !tasks.isEmpty else { return .text(mine ? "You have no open tasks. ✅" : "No open tasks.") }
        let lines = tasks.prefix(20).map { task -> String in
            var line = "#\(task.id) \(task.title)"
            if !mine { line += " — \(task.assigneeName)" }
            if let due = task.dueAt {
                line +=
                    (task.isOverdue(at: context.now) ? " · OVERDUE since " : " · due ")
                    + context.dates.moment(due, now: context.now)
            }
            return line
        }
        return Reply(
            blocks: [
                .title(mine ? "Your tasks (\(tasks.count))" : "Open tasks (\(tasks.count))"),
                .text(lines.joined(separator: "\n") + (tasks.count > 20 ? "\n+\(tasks.count - 20) more" : "")),
                .text("“done N” when finished; “done N ordered 2 crates” adds a note."),
            ],
            buttons: mine ? tasks.prefix(4).map { .init(label: "Done #\($0.id)", action: "done \($0.id)") } : [])
    }

    private func done(_ id: Int64, note: String?, context: HandlerContext) throws -> Reply {
        do {
            let (task, alert) = try TaskDesk(store: context.store, org: context.org)
                .finish(id, by: context.member, note: note, now: context.now)
            var text = "Task #\(task.id) done: \(task.title)" + (note.map { " — \($0)" } ?? "") + "."
            if let alert {
                text += " Alert #\(alert.id) \(alert.isResolved ? "resolved" : "acknowledged")."
            }
            return .text(text)
        } catch let error as TaskError {
            return .text(error.description)
        }
    }

    private func comment(alertID: Int64?, taskID: Int64?, _ text: String, context: HandlerContext) throws -> Reply {
        let desk = TaskDesk(store: context.store, org: context.org)
        if let alertID, try context.store.alert(id: alertID, orgID: context.org.id) == nil {
            return .text(AlertDeskError.notFound(alertID).description)
        }
        if let taskID, try desk.task(id: taskID) == nil { return .text(TaskError.notFound(taskID).description) }
        try desk.comment(alertID: alertID, taskID: taskID, text, by: context.member, now: context.now)
        return .text("Noted on " + (alertID.map { "alert #\($0)" } ?? taskID.map { "task #\($0)" } ?? "") + ".")
    }

    private func activity(today: Bool, context: HandlerContext) throws -> Reply {
        let since = today ? context.org.calendar.startOfDay(context.now) : context.now.addingTimeInterval(-7 * 86_400)
        let shown = 25
        let entries = try context.store.activity(orgID: context.org.id, since: since, limit: shown + 1)
        guard !entries.isEmpty else {
            return .text(today ? "Nothing has happened yet today." : "Nothing in the last 7 days.")
        }
        var lines = entries.prefix(shown).map { entry in
            (today ? context.dates.time(entry.at) : context.dates.moment(entry.at, now: context.now)) + " "
                + entry.summary
        }
        if entries.count > shown { lines.append("+ more before that") }
        return Reply(blocks: [.title(today ? "Today" : "Activity, last 7 days"), .text(lines.joined(separator: "\n"))])
    }

}
