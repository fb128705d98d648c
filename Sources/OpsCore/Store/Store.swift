import Foundation

/// The shop's data: one SQLite database, opened and migrated, with typed reads and writes per table.
///
/// Not `Sendable`: it owns a `Database`, which is confined to one thread or serial executor.
///
/// **The persistence boundary.** Outside `OpsCore` nothing sees SQL: `Database`, `Row` and `SQLValue` are
/// internal, and every other module reads and writes through `Store`'s public methods, grouped by aggregate in
/// the folders beside this file — `Catalog/` (products), `Stock/` (levels and their history), `Alerts/` (alerts
/// and rules), `Team/` (members, tasks, activity), `Outbox/`, `Chats/` (chats, who spoke there, transport
/// state, the message in flight), `Shop/` (orgs, settings, shifts) — and through the engines that own their
/// queries (`Metrics/`, `Alerts/AlertConditions`, `Team/`, `Import/`), whose SQL is a `static let` beside them.
///
/// A second backend (PostgreSQL, next) provides the same: these public methods, the engines' queries, one
/// transaction per `write`, and the migrations in `Database/Schema.swift` as its own DDL. `SalesWrite/` is the
/// one SQLite-tuned path (statement-journal-free batches, deferred indexes, the direct write of a big
/// import); a second backend writes the same rows and rollups its own way (`COPY` for PostgreSQL), and the
/// rollup oracle tests hold both to the same figures. `Benchmarking/` is SQLite's floor, for the benchmark.
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

    /// Reads the file's pages through a memory map instead of copying each into SQLite's cache: for a process that
    /// answers one question and exits (`opsbot ask`), whose cache starts empty. Not for `opsbot run`, where the
    /// mapped pages would stay in its resident memory.
    public func readMapped(upTo bytes: Int = 256 << 20) throws {
        try database.execute("PRAGMA mmap_size = \(max(0, bytes))")
    }

    /// The SQLite library's version, for `opsbot --version`.
    public static var sqliteVersion: String { Database.sqliteVersion }
}

@available(*, unavailable)
extension Store: Sendable {}
