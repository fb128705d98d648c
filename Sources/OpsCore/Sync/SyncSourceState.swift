import Foundation

/// Where a connector stands: its cursor, its last runs, and whether it is failing.
public struct SyncSourceState: Sendable, Equatable {
    /// "square", "shopify" or "sheet".
    public let source: String
    /// The connector's own bookmark (an `updated_at`, a page token), kept as it wrote it.
    public var cursor: String
    public var interval: TimeInterval
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    /// Rows the last successful run changed, and all runs together.
    public var lastRows: Int
    public var totalRows: Int
    public var lastError: String?
    /// Failed runs since the last success.
    public var failures: Int
    /// When the owner was told it is failing (cleared by the next success).
    public var notifiedAt: Date?
    /// `sync now`: run at the scheduler's next look, whatever the interval.
    public var requestedAt: Date?

    public init(
        source: String, cursor: String = "", interval: TimeInterval = 300, lastRunAt: Date? = nil,
        lastSuccessAt: Date? = nil, lastRows: Int = 0, totalRows: Int = 0, lastError: String? = nil, failures: Int = 0,
        notifiedAt: Date? = nil, requestedAt: Date? = nil
    ) {
        self.source = source
        self.cursor = cursor
        self.interval = interval
        self.lastRunAt = lastRunAt
        self.lastSuccessAt = lastSuccessAt
        self.lastRows = lastRows
        self.totalRows = totalRows
        self.lastError = lastError
        self.failures = failures
        self.notifiedAt = notifiedAt
        self.requestedAt = requestedAt
    }

    /// When the scheduler runs it next: at once when asked or never run, else an interval after the last run.
    public var nextRunAt: Date? {
        if requestedAt != nil { return nil }
        return lastRunAt.map { $0.addingTimeInterval(interval) }
    }

    public func isDue(now: Date) -> Bool { nextRunAt.map { $0 <= now } ?? true }

    /// What a shop owner calls it.
    public var title: String { Self.title(source) }

    public static func title(_ source: String) -> String {
        switch source {
        case "square": return "Square"
        case "shopify": return "Shopify"
        case "sheet": return "Google Sheet"
        default: return source
        }
    }
}
