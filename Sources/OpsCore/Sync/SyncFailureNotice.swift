import Foundation

/// Tells the shop's owners, once, that a connector keeps failing and why; and once more when it works again.
/// A refused token or a missing scope is said at the first failure (it will not mend itself); a network or
/// server problem only after `transientFailures` runs in a row.
public struct SyncFailureNotice {
    let store: Store
    let org: Org

    public static let transientFailures = 3

    public init(store: Store, org: Org) {
        self.store = store
        self.org = org
    }

    /// Records the failed run; queues the owners' message when it is time. Returns whether it did.
    @discardableResult
    public func failed(source: String, reason: String, needsOwner: Bool, now: Date) throws -> Bool {
        try store.write {
            guard let state = try store.recordSyncFailure(orgID: org.id, source: source, error: reason, now: now),
                state.notifiedAt == nil, needsOwner || state.failures >= Self.transientFailures
            else { return false }
            let title = SyncSourceState.title(source)
            let text =
                "\(title) sync is failing\(state.failures > 1 ? " (\(state.failures) runs in a row)" : ""): \(reason)\n"
                + "Sales and stock from \(title) are not coming in until this is fixed; I will say when it works again."
            try notifyOwners(text, now: now)
            try store.markSyncFailureNotified(orgID: org.id, source: source, now: now)
            return true
        }
    }

    func recovered(source: String, now: Date) throws {
        try notifyOwners("\(SyncSourceState.title(source)) sync works again.", now: now)
    }

    private func notifyOwners(_ text: String, now: Date) throws {
        for id in try store.ownerIDs(orgID: org.id) {
            try store.notify(memberID: id, orgID: org.id, text, now: now)
        }
    }
}
