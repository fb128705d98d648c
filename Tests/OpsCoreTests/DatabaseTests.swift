import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct DatabaseTests {
    let directory = TemporaryDirectory()

    func open(_ name: String = "test.sqlite", migrations: [Migration] = []) throws -> Database {
        try Database(path: directory.file(name), migrations: migrations)
    }

    @Test func valuesRoundTripThroughEveryBindType() throws {
        let database = try open()
        try database.execute("CREATE TABLE t (a, b, c, d, e)")
        let text = "Café ☕️ \"quoted\" 'single'; DROP TABLE t; --"
        try database.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            [.integer(-9_007_199_254_740_993), .real(2.5), .text(text), .blob([0, 1, 255]), .null])
        let row = try #require(
            try database.queryFirst("SELECT a, b, c, d, e FROM t") { row in
                [row.value(0), row.value(1), row.value(2), row.value(3), row.value(4)]
            })
        #expect(row == [.integer(-9_007_199_254_740_993), .real(2.5), .text(text), .blob([0, 1, 255]), .null])
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 1)
    }

    @Test func wrongNumberOfValuesIsATypedError() throws {
        let database = try open()
        try database.execute("CREATE TABLE t (a)")
        #expect(throws: DatabaseError.self) { try database.execute("INSERT INTO t VALUES (?, ?)", [1]) }
        // The cached statement still works after the failure.
        try database.execute("INSERT INTO t VALUES (?)", [1])
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 1)
    }

    @Test func constraintViolationCarriesSQLiteCodeAndMessage() throws {
        let database = try open()
        try database.execute("CREATE TABLE t (a INTEGER UNIQUE)")
        try database.execute("INSERT INTO t VALUES (?)", [1])
        do {
            try database.execute("INSERT INTO t VALUES (?)", [1])
            Issue.record("a duplicate was accepted")
        } catch let error as DatabaseError {
            #expect(error.isConstraintViolation)
            #expect(error.description.contains("UNIQUE constraint failed: t.a"))
            #expect(error.description.contains("INSERT INTO t VALUES (?)"))
        }
    }

    @Test func writeRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let database = try open()
        try database.execute("CREATE TABLE t (a)")
        #expect(throws: Boom.self) {
            try database.write {
                try database.execute("INSERT INTO t VALUES (?)", [1])
                throw Boom()
            }
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 0)
        try database.write { try database.execute("INSERT INTO t VALUES (?)", [2]) }
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 1)
    }

    /// A deferred foreign key is checked at the commit: refused there, the transaction is rolled back and the
    /// connection takes the next one, nested or not.
    @Test func aCommitRefusedByADeferredForeignKeyRollsBack() throws {
        let database = try open()
        try database.executeScript(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
            """)
        #expect {
            try database.write {
                try database.execute("INSERT INTO child VALUES (?)", [7])
                try database.execute("INSERT INTO parent VALUES (?)", [1])
            }
        } throws: { error in
            (error as? DatabaseError)?.description.contains("FOREIGN KEY constraint failed") == true
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM parent") == 0, "nothing of the refused transaction kept")
        try database.write {
            try database.execute("INSERT INTO child VALUES (?)", [2])
            try database.write { try database.execute("INSERT INTO parent VALUES (?)", [3]) }
            // The parent may come later in the same transaction.
            try database.execute("INSERT INTO parent VALUES (?)", [2])
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM parent") == 2)
        #expect(try database.queryInt("SELECT COUNT(*) FROM child") == 1)
    }

    /// A write trusting its references is not checked by SQLite; the connection checks them again afterwards,
    /// whether the write was kept or thrown away.
    @Test func foreignKeysAreCheckedAgainAfterAWriteTrustingItsReferences() throws {
        struct Boom: Error {}
        let database = try open()
        try database.executeScript(
            """
            CREATE TABLE parent (id INTEGER PRIMARY KEY);
            CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent(id));
            """)
        let dangling = "INSERT INTO child VALUES (?)"
        try database.writeTrustingReferences { try database.execute(dangling, [7]) }
        #expect(try database.queryInt("SELECT COUNT(*) FROM child") == 1, "kept as written: its caller vouched for it")
        #expect(throws: DatabaseError.self) { try database.write { try database.execute(dangling, [8]) } }

        #expect(throws: Boom.self) {
            try database.writeTrustingReferences {
                try database.execute(dangling, [9])
                throw Boom()
            }
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM child") == 1, "the thrown write left nothing")
        #expect(throws: DatabaseError.self) { try database.write { try database.execute(dangling, [10]) } }
        #expect(try database.queryInt("PRAGMA foreign_keys") == 1)

        // Inside a transaction the switch would be ignored: the nested write is checked like any other.
        #expect(throws: DatabaseError.self) {
            try database.write { try database.writeTrustingReferences { try database.execute(dangling, [11]) } }
        }
    }

    /// Alone on its file, a direct write goes through a rollback journal and leaves the file in WAL mode,
    /// whether it was kept or thrown away.
    @Test func aDirectWriteAloneUsesARollbackJournalAndLeavesWAL() throws {
        struct Boom: Error {}
        let database = try open()
        try database.execute("CREATE TABLE t (a)")
        let mode = try database.writeDirectly {
            try database.write { try database.execute("INSERT INTO t VALUES (1)") }
            return try database.queryValue("PRAGMA journal_mode")
        }
        #expect(mode == .text("delete"))
        #expect(try database.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try database.queryInt("PRAGMA synchronous") == 1, "NORMAL again")
        #expect(throws: Boom.self) {
            try database.writeDirectly {
                try database.write {
                    try database.execute("INSERT INTO t VALUES (2)")
                    throw Boom()
                }
            }
        }
        #expect(try database.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.file("test.sqlite-journal")))
    }

    /// Only the main database changes mode: one attached keeps its own.
    @Test func aDirectWriteLeavesAnAttachedDatabaseAsItIs() throws {
        _ = try open("other.sqlite")
        let database = try open()
        try database.execute("ATTACH DATABASE ? AS other", [.text(directory.file("other.sqlite"))])
        let modes = try database.writeDirectly {
            [try database.queryValue("PRAGMA main.journal_mode"), try database.queryValue("PRAGMA other.journal_mode")]
        }
        #expect(modes == [.text("delete"), .text("wal")])
    }

    /// Another connection to the file (here in this process; another process's is the same to the lock)
    /// keeps a direct write in the WAL, where it does not hold up that connection's reads; once it closes,
    /// the next direct write goes straight to the file again.
    @Test func anotherConnectionKeepsADirectWriteInTheWAL() throws {
        let database = try open()
        var other: Database? = try open()
        #expect(try other?.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try database.writeDirectly { try database.queryValue("PRAGMA journal_mode") } == .text("wal"))
        other = nil
        #expect(try database.writeDirectly { try database.queryValue("PRAGMA journal_mode") } == .text("delete"))
        // The lock is shared again after each: a new connection opens at once.
        let third = try open()
        #expect(try third.queryValue("PRAGMA journal_mode") == .text("wal"))
    }

    @Test func nestedWriteUndoesOnlyTheInnerWork() throws {
        struct Boom: Error {}
        let database = try open()
        try database.execute("CREATE TABLE t (a)")
        try database.write {
            try database.execute("INSERT INTO t VALUES (?)", [1])
            _ = try? database.write {
                try database.execute("INSERT INTO t VALUES (?)", [2])
                throw Boom()
            }
            try database.execute("INSERT INTO t VALUES (?)", [3])
        }
        #expect(try database.query("SELECT a FROM t ORDER BY a") { $0.int(0) } == [1, 3])
    }

    @Test func opensInWALModeWithForeignKeysOn() throws {
        let database = try open()
        #expect(try database.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try database.queryInt("PRAGMA foreign_keys") == 1)
    }

    @Test func newFilesGetSixteenKilobytePagesAndOlderFilesKeepTheirs() throws {
        #expect(try open("new.sqlite").queryInt("PRAGMA page_size") == 16_384)

        let old = try open("old.sqlite")
        try old.executeScript(
            """
            PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096; VACUUM; PRAGMA journal_mode = WAL;
            CREATE TABLE t (a); INSERT INTO t VALUES (1);
            """)
        #expect(try old.queryInt("PRAGMA page_size") == 4096)
        let reopened = try open("old.sqlite")
        #expect(try reopened.queryInt("PRAGMA page_size") == 4096)
        #expect(try reopened.queryInt("SELECT a FROM t") == 1)
    }

    /// A statement that fails part way, after changing many pages, is undone alone (SQLite's statement
    /// journal); the transaction's earlier work is kept.
    @Test func aStatementFailingPartWayIsUndoneAloneInsideATransaction() throws {
        let database = try open()
        try database.execute("CREATE TABLE t (a INTEGER NOT NULL UNIQUE, b TEXT)")
        let wide = String(repeating: "x", count: 2_000)
        try database.write {
            for value in 1...2_000 { try database.execute("INSERT INTO t VALUES (?, ?)", [.int(value), .text(wide)]) }
            // Many rows in, across many pages, then a duplicate: the statement stops at it.
            #expect(throws: DatabaseError.self) {
                try database.execute(
                    "INSERT INTO t SELECT a + 2000, b FROM t WHERE a <= 1500 UNION ALL SELECT 1, 'again'")
            }
            try database.execute("UPDATE t SET b = 'kept' WHERE a = 1")
        }
        #expect(try database.queryInt("SELECT COUNT(*) FROM t") == 2_000)
        #expect(try database.queryInt("SELECT MAX(a) FROM t") == 2_000)
        #expect(try database.queryValue("SELECT b FROM t WHERE a = 1") == .text("kept"))
        #expect(try database.queryValue("PRAGMA integrity_check") == .text("ok"))
    }

    @Test func migrationsApplyOnceAndAreRecorded() throws {
        let migrations = [
            Migration(version: 1, name: "one", sql: "CREATE TABLE a (x); INSERT INTO a VALUES (1);"),
            Migration(version: 2, name: "two", sql: "CREATE TABLE b (y)"),
        ]
        _ = try open(migrations: migrations)
        let database = try open(migrations: migrations)
        #expect(try database.queryInt("SELECT COUNT(*) FROM a") == 1)
        #expect(
            try database.query("SELECT version, name FROM schema_migrations ORDER BY version") {
                "\($0.int(0)) \($0.string(1))"
            } == ["1 one", "2 two"])
    }

    @Test func aFailingUpgradeLeavesTheFileAtTheVersionItHad() throws {
        let first = Migration(version: 1, name: "one", sql: "CREATE TABLE a (x)")
        let second = Migration(version: 2, name: "two", sql: "CREATE TABLE c (z)")
        let broken = Migration(version: 3, name: "three", sql: "CREATE TABLE b (y); CREATE TABLE a (x);")
        _ = try open(migrations: [first])
        #expect(throws: DatabaseError.self) { _ = try open(migrations: [first, second, broken]) }
        let database = try open(migrations: [first])
        #expect(try database.queryInt("SELECT MAX(version) FROM schema_migrations") == 1)
        #expect(try database.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('b', 'c')") == 0)
    }

    @Test func aNewFileWhoseMigrationFailsHasNoneOfThem() throws {
        let first = Migration(version: 1, name: "one", sql: "CREATE TABLE a (x)")
        let broken = Migration(version: 2, name: "two", sql: "CREATE TABLE b (y); CREATE TABLE a (x);")
        #expect(throws: DatabaseError.self) { _ = try open(migrations: [first, broken]) }
        let database = try open(migrations: [])
        #expect(try database.queryInt("SELECT COUNT(*) FROM schema_migrations") == 0)
        #expect(try database.queryInt("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('a', 'b')") == 0)
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let newer = [
            Migration(version: 1, name: "one", sql: "CREATE TABLE a (x)"),
            Migration(version: 2, name: "two", sql: "CREATE TABLE b (y)"),
        ]
        _ = try open(migrations: newer)
        do {
            _ = try open(migrations: Array(newer.prefix(1)))
            Issue.record("a newer database was opened")
        } catch let error as DatabaseError {
            #expect(error == .newerSchema(found: 2, supported: 1))
            #expect(error.description.contains("newer OpsBot"))
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let path = directory.file("notes.sqlite")
        try Data("these are my notes, not a database".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Database(path: path)
        } throws: { error in
            guard case .cannotOpen(let failedPath, _, _) = error as? DatabaseError else { return false }
            return failedPath == path
        }
    }

    @Test func theRealSchemaMigratesAFreshDatabase() throws {
        let database = try Database(path: directory.file("shop.sqlite"))
        let tables = Set(try database.query("SELECT name FROM sqlite_master WHERE type = 'table'") { $0.string(0) })
        for table in [
            "orgs", "members", "chats", "products", "inventory_levels", "inventory_history", "sales",
            "daily_product_sales", "daily_sales", "hourly_sales", "shifts", "imports", "activity", "transport_state",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        #expect(try database.queryInt("SELECT MAX(version) FROM schema_migrations") == Schema.currentVersion)
    }

    @Test func backupWritesAReadableCopy() throws {
        let database = try open(migrations: [Migration(version: 1, name: "one", sql: "CREATE TABLE a (x)")])
        try database.execute("INSERT INTO a VALUES (?)", [42])
        let copy = directory.file("copy.sqlite")
        try database.backup(to: copy)
        let restored = try Database(
            path: copy, migrations: [Migration(version: 1, name: "one", sql: "CREATE TABLE a (x)")])
        #expect(try restored.queryInt("SELECT x FROM a") == 42)
    }
}
