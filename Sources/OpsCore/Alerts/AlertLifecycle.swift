/// The states an alert moves through and every move between them, in one place: the engine opens an alert and
/// clears it, people acknowledge, assign, snooze and resolve it, a finished task resolves it or hands it back.
///
/// open → acknowledged → assigned → resolved, with snoozes on the way; a resolved alert moves no more (a cause
/// that comes back opens a new one). `AlertEngine`, `AlertDesk` and `TaskDesk` all ask this type.
public enum AlertLifecycle {
    public enum Move: Sendable, Equatable, CaseIterable {
        /// The engine found a new cause.
        case open
        case acknowledge
        case assign
        case snooze
        case resolve
        /// The engine found the cause gone (or the day too old to judge).
        case clear
        /// The task made of the alert was done, and the shop has finished tasks acknowledge their alerts: it
        /// leaves the assignee's list and waits for a manager's check.
        case handBack
    }

    /// The status after `move` from `status` (nil: the alert does not exist yet), or nil when the move cannot
    /// be made from there.
    public static func status(after move: Move, from status: AlertStatus?) -> AlertStatus? {
        guard let status else { return move == .open ? .open : nil }
        guard status != .resolved else { return nil }
        switch move {
        case .open: return nil
        case .acknowledge: return status == .open ? .acknowledged : status
        case .assign: return .assigned
        case .snooze: return status
        case .resolve, .clear: return .resolved
        case .handBack: return .acknowledged
        }
    }

    /// The least role that may make `move` in chat; nil for the engine's own moves and for those a task makes.
    public static func minimumRole(for move: Move) -> Role? {
        switch move {
        case .acknowledge: return .staff
        case .assign, .snooze, .resolve: return .manager
        case .open, .clear, .handBack: return nil
        }
    }
}
