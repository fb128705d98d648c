import Foundation
import OpsCore

/// The connectors' way into the shop's store: their cursors and states, and their batches stored as imports are.
extension ConversationService {
    public func syncSources() throws -> [SyncSourceState] {
        try withStore { try $0.syncSources(orgID: orgID) }
    }

    public func syncSource(_ source: String) throws -> SyncSourceState? {
        try withStore { try $0.syncSource(orgID: orgID, source: source) }
    }

    /// When the newest sale from an uploaded file was made (nil: none): where a till's first sync starts.
    public func lastImportedSale() throws -> Date? {
        try withStore { try $0.lastImportedSale(orgID: orgID) }
    }

    public func registerSync(source: String, interval: TimeInterval) throws {
        try withStore { try $0.registerSyncSource(orgID: orgID, source: source, interval: interval) }
    }

    /// Stores a connector's batch and its new cursor in one transaction, alerts evaluated on the result.
    public func storeSync(_ batch: SyncBatch, source: String, label: String, cursor: String, now: Date) throws
        -> SyncReport
    {
        try withStore { store in
            let org = try store.org(id: orgID)
            return try SyncWriter(store: store, org: org, alertRecipients: alertRecipients).apply(
                batch, source: source, label: label, cursor: cursor, now: now)
        }
    }

    /// Records a failed run; tells the owners once when it keeps failing. Returns whether they were told.
    @discardableResult
    public func recordSyncFailure(source: String, reason: String, needsOwner: Bool, now: Date) throws -> Bool {
        try withStore { store in
            let org = try store.org(id: orgID)
            return try SyncFailureNotice(store: store, org: org).failed(
                source: source, reason: reason, needsOwner: needsOwner, now: now)
        }
    }
}
