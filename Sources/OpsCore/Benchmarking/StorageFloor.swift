import Foundation

/// What SQLite alone takes to store what an import stored: its lines, and then its rollups too, copied from
/// the imported database into a new one by one `INSERT … SELECT` a table, secondary indexes built after by one
/// sort each, in one transaction. No parsing, no binding, rows in key order: about the least SQLite takes to
/// write this schema (reading the rows back costs it a little), so it shows the part of the ratio that no
/// importer code can remove.
///
/// SQLite's own figure, so it lives in the store's module (with `package` access, for `opsbot-bench` only).
package struct StorageFloor {
    /// Seconds for the lines alone (with the natural-key index, the time indexes and the commit; foreign keys
    /// unchecked and the file written directly, as a big import writes them), and for the lines with every
    /// rollup table.
    package struct Figures {
        package let lines: Double
        package let linesAndRollups: Double
    }

    static let lineColumns = """
        org_id, source, order_id, line, sold_at, product_id, quantity, unit_price, discount, total, cost,
        location, channel, import_id
        """
    /// Rollup tables and their columns, copied in this order after the lines.
    static let rollups: [(table: String, columns: String)] = [
        ("daily_product_sales", "product_id, day, units, revenue, cost, costed_revenue, lines"),
        ("monthly_product_sales", "product_id, month, units, revenue, cost, costed_revenue, lines"),
        ("yearly_product_sales", "product_id, year, units, revenue, cost, costed_revenue, lines"),
        ("daily_sales", "org_id, day, units, revenue, cost, costed_revenue, orders, lines"),
        ("hourly_sales", "org_id, hour_start, units, revenue, cost, costed_revenue, orders, lines"),
        ("daily_location_sales", "org_id, location, day, units, revenue, cost, costed_revenue, orders, lines"),
        ("locations", "org_id, name"),
    ]

    /// `imported`: a database an import has just filled, for one org.
    package static func measure(imported: String, in directory: String) throws -> Figures {
        Figures(
            lines: try copy(from: imported, to: directory + "/floor-lines.sqlite", rollups: false),
            linesAndRollups: try copy(from: imported, to: directory + "/floor-all.sqlite", rollups: true))
    }

    private static func copy(from imported: String, to path: String, rollups: Bool) throws -> Double {
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try Store(path: path).database
        try database.execute("ATTACH DATABASE ? AS imported", [.text(imported)])
        // What the lines refer to, copied before the clock starts: the import wrote these too, but they are few.
        for table in ["orgs", "products", "imports"] {
            try database.execute("INSERT INTO \(table) SELECT * FROM imported.\(table)")
        }
        let tables = ["sales"] + (rollups ? Self.rollups.map(\.table) : [])
        // Every secondary index but the unique ones, which check each row as it comes (`sql` is NULL for
        // those SQLite made for a UNIQUE or PRIMARY KEY constraint).
        let indexes = try database.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                + "AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (\(tables.map { "'\($0)'" }.joined(separator: ", ")))"
        ) { (name: $0.string(0), sql: $0.string(1)) }

        let start = DispatchTime.now().uptimeNanoseconds
        try database.writeDirectly {
            try database.writeTrustingReferences {
                for index in indexes { try database.execute("DROP INDEX \(index.name)") }
                // Listing the columns keeps SQLite from copying whole pages (its transfer optimisation).
                try database.execute(
                    "INSERT INTO sales (\(lineColumns)) SELECT \(lineColumns) FROM imported.sales ORDER BY id")
                if rollups {
                    for (table, columns) in Self.rollups {
                        try database.execute(
                            "INSERT INTO \(table) (\(columns)) SELECT \(columns) FROM imported.\(table)")
                    }
                }
                for index in indexes { try database.execute(index.sql) }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try database.execute("DETACH DATABASE imported")
        return seconds
    }
}
