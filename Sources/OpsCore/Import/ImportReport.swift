import Foundation

/// What an import did, short enough for a chat reply.
public struct ImportReport: Sendable {
    public enum Status: Sendable, Equatable {
        case imported
        /// Nothing was imported; `reason` says why.
        case rejected(reason: String)
        /// The same file (same SHA-256) was imported before; nothing changed.
        case duplicate(importedAt: Date, by: String?)
    }

    public var kind: ImportKind?
    public var fileName: String
    /// The export recognised from the header ("Shopify orders export"), if any.
    public var layout: String?
    public var status: Status
    public var rowsRead = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Rows deliberately left out (Shopify's "not stocked"), not errors.
    public var skipped = 0
    public var rejected = 0
    public var newProducts: [String] = []
    public var newProductCount = 0
    public var firstAt: Date?
    public var lastAt: Date?
    public var seconds: Double = 0
    /// Every rejected row's problem (the first 1,000 kept).
    public var errors: [RowError] = []
    /// The rejected rows as CSV (original columns plus `error`), to fix and upload again.
    public var errorCSV: [UInt8]?
    /// Notes about how the file was read ("read as Windows-1252", "dates read day first").
    public var notes: [String] = []
    public var sha256: String = ""
    /// What the alert evaluation run in the import's transaction changed.
    public var alerts: AlertEvaluation?
    /// Sales lines left out of net revenue, by reason: "3 voided lines $18.50".
    public var excluded: [Excluded] = []
    /// Money on the sold lines that is not net revenue: "tax $41.20".
    public var notRevenue: [NotRevenue] = []
    /// The kinds the file could be, when it was not imported because it was not clear which: the question
    /// to ask ("Is this a sales file or a product list?"), best guess first.
    public var choices: [ImportKind] = []

    public struct Excluded: Sendable, Equatable {
        public let reason: ExclusionReason
        /// What was counted: "line", "order", "receipt" or "sale".
        public let noun: String
        public var count: Int
        /// The net revenue the lines would have added, in minor units.
        public var amount: Int
    }

    public struct NotRevenue: Sendable, Equatable {
        public let what: String
        public let amount: Int
    }

    public init(fileName: String, status: Status) {
        self.fileName = fileName
        self.status = status
    }

    public var imported: Int { inserted + updated }
}
