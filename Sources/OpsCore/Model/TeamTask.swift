import Foundation

/// A piece of work handed to a member: from an alert ("assign 12 to @maria") or on its own
/// ("task: recount the fridge @sam by 5pm").
public struct TeamTask: Sendable, Equatable {
    public enum Status: String, Sendable {
        case open
        case done
    }

    public let id: Int64
    public let title: String
    public let alertID: Int64?
    public let assigneeID: Int64
    public let assigneeName: String
    public let assignerID: Int64?
    public let assignerName: String?
    public let dueAt: Date?
    public let status: Status
    public let createdAt: Date
    public let doneAt: Date?
    public let note: String?

    public func isOverdue(at now: Date) -> Bool { status == .open && (dueAt.map { $0 < now } ?? false) }
}
