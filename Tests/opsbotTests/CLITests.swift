import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

/// Runs the built `opsbot` binary as a user would.
@Suite struct CLITests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var binary: URL {
        let beside =
            Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return beside.appendingPathComponent("opsbot")
    }

    /// Starts `opsbot` with `arguments` in the background, its output discarded (standard error written to the
    /// file `stderr` when given), `environment` added to this process's (without its configuration file or a
    /// Bot API URL): for the tests that run or kill it part way.
    static func launch(_ arguments: [String], environment extra: [String: String] = [:], stderr: String? = nil) throws
        -> Process
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPSBOT_CONFIG"] = nil
        environment["TELEGRAM_API_URL"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderr))
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        return process
    }

    let directory = TemporaryDirectory()

    func run(_ arguments: [String], input: String = "") throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        var environment = ProcessInfo.processInfo.environment
        environment["OPSBOT_DB"] = nil
        environment["OPSBOT_CONFIG"] = nil
        environment["TELEGRAM_BOT_TOKEN"] = nil
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func versionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("opsbot 0.1.0 (schema \(Schema.currentVersion), SQLite 3."))
        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: opsbot COMMAND"))
    }

    @Test func anUnknownCommandGetsTheUsageAndStatus2() throws {
        let result = try run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown command “frobnicate”."))
        #expect(result.stderr.contains("Usage: opsbot COMMAND"))
        #expect(try run(["ask", "hi", "--verbose"]).status == 2)
    }

    @Test func askWithoutADatabaseSaysHowToMakeOne() throws {
        let result = try run(["ask", "sales today", "--db", "missing.sqlite"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("No database at missing.sqlite"))
        #expect(result.stderr.contains("opsbot demo --db missing.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("missing.sqlite")))
    }

    @Test func aBrokenConfigFileIsRefusedWithEveryProblem() throws {
        try Data(#"{"org": {"currency": "pounds"}, "colour": 1}"#.utf8)
            .write(to: URL(fileURLWithPath: directory.file("bad.json")))
        let result = try run(["console", "--config", "bad.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("2 problems"))
    }

    @Test func demoThenAskAnswersLikeTheConsoleWithTheRightFigures() throws {
        let now = "2026-11-25T15:00:00Z"
        let demo = try run(["demo", "--db", "demo.sqlite", "--today", "2026-11-25"])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Created the demo shop “Corner Café”"))

        let asked = try run(["ask", "sales yesterday", "--db", "demo.sqlite", "--now", now])
        #expect(asked.status == 0)
        let console = try run(["console", "--db", "demo.sqlite", "--now", now], input: "sales yesterday\n")
        #expect(console.status == 0)
        #expect(console.stdout == asked.stdout + "\n")

        // The revenue printed is the sum of yesterday's lines in the shop's time zone.
        let store = try Store(path: directory.file("demo.sqlite"))
        let org = try #require(try store.firstOrg())
        let start = try #require(org.calendar.date(dayKey: "2026-11-24"))
        let end = org.calendar.startOfDay(start, adding: 1)
        let revenue = try store.database.queryInt(
            "SELECT SUM(total) FROM sales WHERE sold_at >= ? AND sold_at < ?",
            [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))])
        let orders = try store.database.queryInt(
            "SELECT COUNT(DISTINCT order_id) FROM sales WHERE sold_at >= ? AND sold_at < ?",
            [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))])
        #expect(revenue > 0)
        let revenueText = "$" + groupedMoney(revenue)
        #expect(asked.stdout.contains("Sales yesterday (Tue 24 Nov)"))
        #expect(asked.stdout.contains(revenueText), "expected \(revenueText) in \(asked.stdout)")
        #expect(
            asked.stdout.split(separator: "\n").contains {
                $0.hasPrefix("Orders") && $0.contains(" \(grouped(orders)) ")
            })

        // Staff can be played by name; an unknown name lists the members.
        let maria = try run(["ask", "stock low?", "--db", "demo.sqlite", "--as", "maria", "--now", now])
        #expect(maria.status == 0)
        #expect(maria.stdout.hasPrefix("Low stock:"))
        let nobody = try run(["ask", "help", "--db", "demo.sqlite", "--as", "zed"])
        #expect(nobody.status == 1)
        #expect(nobody.stderr.contains("No member called “zed”. Members:"))

        // A second demo into the same file replaces the first: no duplicated lines.
        let lines = try store.database.queryInt("SELECT COUNT(*) FROM sales")
        let again = try run(["demo", "--db", "demo.sqlite", "--today", "2026-11-25"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Rebuilt the demo shop"))
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM sales") == lines)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM products") == 150)
        #expect(try run(["ask", "sales yesterday", "--db", "demo.sqlite", "--now", now]).stdout == asked.stdout)
    }

    func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }

    func groupedMoney(_ cents: Int) -> String {
        grouped(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
    }
}

@Suite struct CLIImportTests {
    let cli = CLITests()

    @Test func importPrintsTheReportAndWritesRejectedRowsBesideTheFile() throws {
        var text = "sku,name,qty,price,sold at\n"
        for index in 0..<30 {
            text += "S\(index % 3),Item \(index % 3),\(index == 7 ? "x" : "2"),1.25,2026-11-20 10:\(10 + index)\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: cli.directory.file("sales.csv")))
        let result = try cli.run(["import", "sales.csv", "--db", "shop.sqlite"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported sales from sales.csv"))
        #expect(result.stdout.contains("30 rows read: 29 new, 0 updated, 0 unchanged, 1 rejected"))
        #expect(result.stdout.contains("line 9, column \"qty\": \"x\" is not a number"))
        let errors = try String(contentsOfFile: cli.directory.file("sales.errors.csv"), encoding: .utf8)
        #expect(errors.hasPrefix("sku,name,qty,price,sold at,error\r\nS1,Item 1,x,"))

        let again = try cli.run(["import", "sales", "sales.csv", "--db", "shop.sqlite"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Already imported: sales.csv was imported"))

        let strict = try cli.run(["import", "sales.csv", "--db", "strict.sqlite", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Nothing imported from sales.csv"))

        let missing = try cli.run(["import", "nope.csv", "--db", "shop.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Cannot read nope.csv"))
        #expect(try cli.run(["import", "receipts", "sales.csv"]).status == 2)
    }
}
