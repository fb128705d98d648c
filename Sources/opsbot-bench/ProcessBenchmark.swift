import Foundation
import OpsNetwork
import OpsNetworkTestSupport

/// What a user meets when they run a process: `opsbot import FILE` start to exit against sqlite3's own `.import`
/// of the same file (timed interleaved, the order swapped each round), an idle `opsbot run`'s resident memory,
/// and `opsbot ask` start to answer against the process floor (`opsbot --version`).
struct ProcessBenchmark {
    let directory: String
    /// Rounds of each import pair; the medians are reported.
    var rounds = 3
    /// How long `opsbot run` idles before its memory is read (the issue's 60 s; less when trying things out).
    var idleSeconds = Double(ProcessInfo.processInfo.environment["OPSBOT_BENCH_IDLE_SECONDS"] ?? "") ?? 60

    /// A program built beside this one (`opsbot`), or nil.
    static func sibling(_ name: String) -> String? {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let path = (me as NSString).deletingLastPathComponent + "/" + name
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static let sqlite3 = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(
        where: FileManager.default.isExecutableFile)

    /// Runs a program to its end, its output discarded; the seconds from start to exit and its status.
    static func timed(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (
        seconds: Double, status: Int32
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited["OPSBOT_CONFIG"] = nil
        process.environment = inherited.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, process.terminationStatus)
    }

    static func median(_ values: [Double]) -> Double { ImportBenchmark.median(values) }

    func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// `opsbot import` of `lines` generated sales lines (in time order, or sorted by product as a spreadsheet
    /// would be), against sqlite3 `.import` into a bare table.
    func imports(_ opsbot: String, lines: Int, sortedByProduct: Bool = false) throws -> (
        opsbot: Double, sqlite: Double
    )? {
        guard let sqlite3 = Self.sqlite3 else { return nil }
        let csv = directory + "/process-\(lines)\(sortedByProduct ? "-by-product" : "").csv"
        let generator = ImportBenchmark(directory: directory, lines: lines)
        _ = try generator.generate(csv)
        if sortedByProduct { try Self.sortByProduct(csv) }
        defer { try? FileManager.default.removeItem(atPath: csv) }
        var ours: [Double] = []
        var theirs: [Double] = []
        for round in 0..<rounds {
            let bare = directory + "/bare.sqlite"
            let shop = directory + "/process-import.sqlite"
            remove(bare)
            remove(shop)
            func sqlite() throws {
                let run = try Self.timed(sqlite3, [bare, "-cmd", ".mode csv", ".import '\(csv)' sales"])
                guard run.status == 0 else { throw BenchFailure("sqlite3 .import exited \(run.status)") }
                theirs.append(run.seconds)
            }
            func opsbotImport() throws {
                let run = try Self.timed(opsbot, ["import", "sales", csv, "--db", shop])
                guard run.status == 0 else { throw BenchFailure("opsbot import exited \(run.status)") }
                ours.append(run.seconds)
            }
            if round % 2 == 0 {
                try sqlite()
                try opsbotImport()
            } else {
                try opsbotImport()
                try sqlite()
            }
            remove(bare)
            remove(shop)
        }
        return (Self.median(ours), Self.median(theirs))
    }

    /// Rewrites a generated sales file with its lines sorted by SKU (the header first), as a spreadsheet sorted
    /// by product is exported.
    static func sortByProduct(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        func sku(_ line: Substring) -> Substring {
            line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false)[3]
        }
        lines.sort { sku($0) < sku($1) }
        try ([header] + lines).joined(separator: "\n").appending("\n").write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    /// `opsbot run` against a loopback Bot API whose long polls hold as Telegram's do, idle for `idleSeconds`:
    /// its resident memory (MiB) then, and right after it started.
    func idleMemory(_ opsbot: String) throws -> (idle: Double, started: Double, anonymous: Double, files: Double)? {
        let fake = try BotAPIFake { method, body in
            guard method == "getUpdates" else { return nil }
            Thread.sleep(forTimeInterval: min(50, Double(body["timeout"]?.int ?? 0)))
            return .json(#"{"ok":true,"result":[]}"#)
        }
        defer { fake.server.stop() }
        let config = directory + "/idle.json"
        try Data(#"{"http": {"listen": "127.0.0.1:0"}}"#.utf8).write(to: URL(fileURLWithPath: config))
        let database = directory + "/idle.sqlite"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opsbot)
        process.arguments = ["run", "--config", config]
        var environment = ProcessInfo.processInfo.environment
        environment["OPSBOT_DB"] = database
        environment["TELEGRAM_BOT_TOKEN"] = "42:BENCH"
        environment["TELEGRAM_API_URL"] = fake.baseURL
        for name in ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SQUARE_ACCESS_TOKEN", "SHOPIFY_ACCESS_TOKEN"] {
            environment[name] = nil
        }
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            remove(database)
        }
        Thread.sleep(forTimeInterval: 2)
        let started = Self.memory(of: process.processIdentifier)
        Thread.sleep(forTimeInterval: max(0, idleSeconds - 2))
        let idle = Self.memory(of: process.processIdentifier)
        guard process.isRunning, let idle, let started else { return nil }
        return (idle.resident, started.resident, idle.anonymous, idle.files)
    }

    /// Resident memory of a process in MiB (from /proc: all of it, its anonymous pages, its file pages).
    static func memory(of pid: Int32) -> (resident: Double, anonymous: Double, files: Double)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Double {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return (Double(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
        }
        return (field("VmRSS"), field("RssAnon"), field("RssFile"))
    }

    /// Median seconds of `opsbot ask TEXT` on `database`, start to answer, over `runs`; and the reply once.
    func ask(_ opsbot: String, _ text: String, database: String, runs: Int = 15) throws -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let run = try Self.timed(opsbot, ["ask", text, "--db", database, "--now", "2026-11-25T20:00:00Z"])
            guard run.status == 0 else { throw BenchFailure("opsbot ask exited \(run.status)") }
            times.append(run.seconds)
        }
        return Self.median(times)
    }

    /// Median seconds of `opsbot --version`: the floor every process pays (loading, the Swift runtime).
    func floor(_ opsbot: String, runs: Int = 15) throws -> Double {
        Self.median(try (0..<runs).map { _ in try Self.timed(opsbot, ["--version"]).seconds })
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
