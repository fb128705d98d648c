import OpsCore

/// What a message asks of the team: joining, invites, roles, tasks and the activity feed.
public enum TeamCommand: Sendable, Equatable {
    /// "/start" or "/start CODE" (a Telegram deep link sends the same).
    case start(code: String?)
    case invite(Role)
    case invites
    case revoke(code: String)
    /// "team": who is in the shop, with roles.
    case members
    /// "make @sam manager".
    case setRole(person: String, role: Role)
    /// "remove @sam".
    case remove(person: String)
    /// "task: recount the fridge @sam by 5pm".
    case task(title: String, person: String?, due: String?)
    /// "tasks": every open task (managers); "my tasks": one's own.
    case tasks(mine: Bool)
    /// "done 7", "done 7 ordered 2 crates".
    case done(Int64, note: String?)
    /// "comment 12 supplier says Friday" (alert 12), "comment task 7 …".
    case comment(alertID: Int64?, taskID: Int64?, text: String)
    /// "activity", "what happened today".
    case activity(today: Bool)
    /// "tasks resolve alerts" / "tasks acknowledge alerts".
    case taskFollowUp(resolve: Bool)
    /// The command's word with arguments it cannot read: how to say it.
    case usage(String)
}
