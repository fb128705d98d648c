import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// A big import writes the database file directly (`Database.writeDirectly`): killed part way, it must leave
/// the file as it was, in WAL mode again once opened, and ready to take the same file.
@Suite struct ImportKillTests {
    let directory = TemporaryDirectory()

    /// A sales CSV past `Importer.directWriteBytes`.
    func bigFile() throws -> String {
        let path = directory.file("big.csv")
        var text = "order,line,sold at,sku,product,qty,unit price\n"
        var order = 0
        while text.utf8.count < 9 << 20 {
            order += 1
            let day = 1 + order % 28
            text +=
                "T\(order),1,2026-02-\(day < 10 ? "0" : "")\(day) 10:00:00Z,SKU-\(order % 700),Product \(order % 700),2,3.50\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.timeLimit(.minutes(3))) func killedWhileWritingDirectlyItLeavesTheShopAsItWas() throws {
        let csv = try bigFile()
        let database = directory.file("shop.sqlite")
        // Closed before the import starts: it must find itself alone on the file to write it directly.
        let linesBefore = try {
            let shop = try SmallShop(path: database)
            return try shop.store.database.queryInt("SELECT COUNT(*) FROM sales")
        }()
        #expect(linesBefore > 0)

        let process = try CLITests.launch(["import", "sales", csv, "--db", database])
        // The rollback journal appears with the import's first write; the import is still far from its commit.
        let journal = database + "-journal"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: journal), process.isRunning, Date() < deadline {
            usleep(2_000)
        }
        #expect(FileManager.default.fileExists(atPath: journal), "the import wrote through a rollback journal")
        // Into its rows (a debug build takes seconds over this file), then killed.
        usleep(300_000)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try Store(path: database)
        #expect(try store.database.queryValue("PRAGMA integrity_check") == .text("ok"))
        #expect(try store.database.queryValue("PRAGMA journal_mode") == .text("wal"))
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == linesBefore)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM imports WHERE file_name = 'big.csv'") == 0)
        #expect(!FileManager.default.fileExists(atPath: journal), "rolled back at the open")
    }
}

@Suite struct ConcurrentMigrationTests {
    @Test func processesOpeningANewFileAtOnceMigrateItOnce() throws {
        // `opsbot run` creating a shop's file while a second command opens it failed "table orgs already exists".
        let directory = TemporaryDirectory()
        let path = directory.file("new.sqlite")
        let processes = try (0..<6).map { _ in
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = ["migrate", "--db", path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 6))
        #expect(
            try Store(path: path).database.queryInt("SELECT COUNT(*) FROM schema_migrations") == Schema.migrations.count
        )
    }
}
