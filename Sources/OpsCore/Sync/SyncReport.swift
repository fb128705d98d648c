import Foundation

/// What storing one connector run did.
public struct SyncReport: Sendable, Equatable {
    public var orders = 0
    public var linesInserted = 0
    public var linesUpdated = 0
    public var linesRemoved = 0
    public var stockChanged = 0
    public var productsUpdated = 0
    /// Sheet rows imported (new or changed since the last read).
    public var tableRows = 0
    public var newProducts: [String] = []
    public var notes: [String] = []
    /// Alerts evaluated in the run's transaction (nil when nothing changed).
    public var alerts: AlertEvaluation?

    public init() {}

    /// Rows the run changed: lines written or removed, stock levels moved, products described anew.
    public var changedRows: Int {
        linesInserted + linesUpdated + linesRemoved + stockChanged + productsUpdated + tableRows
    }

    /// "3 orders (7 lines new, 1 changed), 4 stock levels" for `sync status` and the log.
    public var summary: String {
        var parts: [String] = []
        if orders > 0 {
            var lines: [String] = []
            if linesInserted > 0 { lines.append("\(linesInserted) new") }
            if linesUpdated > 0 { lines.append("\(linesUpdated) changed") }
            if linesRemoved > 0 { lines.append("\(linesRemoved) removed") }
            parts.append(
                "\(orders) order\(orders == 1 ? "" : "s")"
                    + (lines.isEmpty ? " unchanged" : " (lines " + lines.joined(separator: ", ") + ")"))
        }
        if stockChanged > 0 { parts.append("\(stockChanged) stock level\(stockChanged == 1 ? "" : "s")") }
        if tableRows > 0 { parts.append("\(tableRows) row\(tableRows == 1 ? "" : "s") changed") }
        if productsUpdated > 0 { parts.append("\(productsUpdated) product\(productsUpdated == 1 ? "" : "s") updated") }
        return parts.isEmpty ? "nothing new" : parts.joined(separator: ", ")
    }
}
