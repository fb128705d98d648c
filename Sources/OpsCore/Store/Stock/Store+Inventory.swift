import Foundation

extension Store {
    static let upsertLevel = """
        INSERT INTO inventory_levels (product_id, location, quantity, counted_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (product_id, location) DO UPDATE SET quantity = excluded.quantity, counted_at = excluded.counted_at
        WHERE excluded.counted_at >= inventory_levels.counted_at
        """
    static let insertHistory = """
        INSERT INTO inventory_history (product_id, location, quantity, counted_at, reason, import_id)
        VALUES (?, ?, ?, ?, ?, ?)
        """
    static let selectHistoryEntry = """
        SELECT 1 FROM inventory_history WHERE product_id = ? AND location = ? AND counted_at = ? AND reason = ?
        """
    static let selectStockTotal = "SELECT SUM(quantity) FROM inventory_levels WHERE product_id = ?"
    static let selectAnyCount = """
        SELECT EXISTS (
            SELECT 1 FROM inventory_levels JOIN products ON products.id = inventory_levels.product_id
            WHERE products.org_id = ?)
        """

    /// Records a stock level seen at `countedAt`. The current level only moves forward in time, so an
    /// older count imported late lands in the history without overwriting a newer one.
    /// Recording the same product, location, time and reason twice keeps one history entry.
    public func recordStock(
        productID: Int64, location: String = "", quantity: Int, countedAt: Date, reason: String,
        importID: Int64? = nil
    ) throws {
        let at = SQLValue.integer(Int64(countedAt.timeIntervalSince1970))
        try database.execute(Self.upsertLevel, [.integer(productID), .text(location), .int(quantity), at])
        let seen =
            try database.queryFirst(
                Self.selectHistoryEntry, [.integer(productID), .text(location), at, .text(reason)]
            ) { _ in true } ?? false
        if !seen {
            try database.execute(
                Self.insertHistory,
                [
                    .integer(productID), .text(location), .int(quantity), at, .text(reason),
                    importID.map { .integer($0) } ?? .null,
                ])
        }
    }

    /// Units in stock across all locations, or nil when the product was never counted.
    /// Whether any of the org's products has a stock count.
    public func hasCountedStock(orgID: Int64) throws -> Bool {
        try database.queryValue(Self.selectAnyCount, [.integer(orgID)]).intValue == 1
    }

    public func stockQuantity(productID: Int64) throws -> Int? {
        try database.queryValue(Self.selectStockTotal, [.integer(productID)]).intValue
    }
}

extension SQLValue {
    /// The integer held, or nil for anything else.
    public var intValue: Int? {
        if case .integer(let value) = self { return Int(value) }
        return nil
    }
}

extension Store {
    /// A product's stock (all locations) at the end of each of `dayEnds`, from its counts: the last count at or
    /// before each instant per location, added up; nil where none was counted yet.
    public func stockAtDayEnds(productID: Int64, dayEnds: [Date]) throws -> [Int?] {
        guard let last = dayEnds.max() else { return [] }
        let counts = try database.query(
            "SELECT location, quantity, counted_at FROM inventory_history WHERE product_id = ? AND counted_at < ? "
                + "ORDER BY counted_at, id",
            [.integer(productID), .integer(Int64(last.timeIntervalSince1970))]
        ) { (location: $0.string(0), quantity: $0.int(1), at: $0.int64(2)) }
        var latest: [String: Int] = [:]
        var next = 0
        return dayEnds.sorted().map { end in
            let limit = Int64(end.timeIntervalSince1970)
            while next < counts.count && counts[next].at < limit {
                latest[counts[next].location] = counts[next].quantity
                next += 1
            }
            return latest.isEmpty ? nil : latest.values.reduce(0, +)
        }
    }
}
