import Foundation

/// The shop's data: one SQLite database, opened and migrated, with typed reads and writes per table.
///
/// Not `Sendable`: it owns a `Database`, which is confined to one thread or serial executor.
public final class Store {
    let database: Database

    /// Opens the store at `path`, creating and migrating it as needed.
    public init(path: String) throws {
        database = try Database(path: path)
    }

    /// A private in-memory store, for tests and benchmarks.
    public static func inMemory() throws -> Store { try Store(path: ":memory:") }

    /// Runs `body` in one transaction (see `Database.write`).
    public func write<T>(_ body: () throws -> T) throws -> T { try database.write(body) }

    /// Writes a consistent copy of the whole store to a new file at `path`.
    public func backup(to path: String) throws { try database.backup(to: path) }

    /// The SQLite library's version, for `opsbot --version`.
    public static var sqliteVersion: String { Database.sqliteVersion }
}

@available(*, unavailable)
extension Store: Sendable {}
