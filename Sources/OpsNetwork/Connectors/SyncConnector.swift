import Foundation
import OpsCore

/// A till or sheet read on a schedule: from the cursor it left last time to what it has now. Read-only.
public protocol SyncConnector: Sendable {
    /// "square", "shopify", "sheet": the key of its `sync_sources` row and of its sales lines.
    var source: String { get }
    /// How often the scheduler runs it.
    var interval: TimeInterval { get }
    /// Everything changed since `cursor` ("" the first time), and the cursor to store with it.
    func read(since cursor: String, now: Date) async throws -> (batch: SyncBatch, cursor: String)
    /// The cursor of the first run when the shop already has sales from uploaded files up to `importedUntil`:
    /// a till's sales up to then came with those files and are left out, so nothing is counted twice.
    func firstCursor(importedUntil: Date?) -> String
    /// The credentials it holds, taken out of any error it reports (a platform's answer may echo them).
    var secrets: [String] { get }
}

extension SyncConnector {
    public func firstCursor(importedUntil _: Date?) -> String { "" }

    public var secrets: [String] { [] }

    /// The imports log's name for its runs: "Square sync".
    public var label: String { SyncSourceState.title(source) + " sync" }
}
