import Foundation

/// Applies the migrations a database has not seen yet, each in its own transaction, and records them.
struct Migrator {
    let migrations: [Migration]

    static let createTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at INTEGER NOT NULL
        )
        """
    static let selectLatest = "SELECT MAX(version) FROM schema_migrations"
    static let insert = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"
    static let countApplied = "SELECT COUNT(*) FROM schema_migrations WHERE version = ?"

    func migrate(_ database: Database) throws {
        try database.execute(Self.createTable)
        let current = try database.queryInt(Self.selectLatest)
        let supported = migrations.map(\.version).max() ?? 0
        guard current <= supported else { throw DatabaseError.newerSchema(found: current, supported: supported) }
        for migration in migrations.sorted(by: { $0.version < $1.version }) where migration.version > current {
            try database.write {
                // Two processes opening a new file at once both see it unmigrated; the write lock (BEGIN
                // IMMEDIATE) lets one through at a time, and the second finds the migration done.
                guard try database.queryInt(Self.countApplied, [.int(migration.version)]) == 0 else { return }
                try database.execute(migration.sql)
                try migration.afterwards?(database)
                try database.execute(
                    Self.insert,
                    [.int(migration.version), .text(migration.name), .int(Int(Date().timeIntervalSince1970))])
            }
        }
    }
}
