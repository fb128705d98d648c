import Foundation
import OpsChat
import OpsCore

// Benchmarks, run in a release build: `swift run -c release opsbot-bench [table|all|demo|query|import|alerts|forecast|chart]`
// (`table`, the default: every target in one table).
// Figures are medians and percentiles over repeated runs; the machines are shared and noisy.

func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func format(_ milliseconds: Double) -> String { String(format: "%8.3f", milliseconds) }

let directory = NSTemporaryDirectory() + "opsbot-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }

let zone = TimeZone(identifier: "America/New_York")!
let now = OrgCalendar(timeZone: zone).date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
let which = CommandLine.arguments.dropFirst().first ?? "table"
guard ["table", "all", "demo", "query", "import", "alerts", "forecast", "chart", "sync", "idle"].contains(which) else {
    FileHandle.standardError.write(
        Data("usage: opsbot-bench [table|all|demo|query|import|alerts|forecast|chart|sync|idle]\n".utf8))
    exit(2)
}

if which == "table" {
    // Every target in one run, as one table (the README's performance section).
    let table = try await PerformanceRun(directory: directory).run()
    print(table.printed(load: PerformanceTable.machine()))
    try? FileManager.default.removeItem(atPath: directory)
    exit(table.rows.allSatisfy(\.met) ? 0 : 1)
}

/// Creates the demo shop in a new file; returns the milliseconds it took.
func generateDemo(_ path: String) throws -> (Double, DemoShop.Summary) {
    let store = try Store(path: path)
    let org = try store.ensureOrg(timeZone: zone)
    var summary: DemoShop.Summary?
    let elapsed = try measure { summary = try DemoShop(seed: 42, now: now).generate(into: store, org: org) }
    return (elapsed, summary!)
}

if which == "all" || which == "demo" {
    var times: [Double] = []
    var lines = 0
    for run in 0..<3 {
        let (elapsed, summary) = try generateDemo(directory + "/demo\(run).sqlite")
        times.append(elapsed)
        lines = summary.salesLines
    }
    times.sort()
    print("demo shop: \(lines) sales lines, median \(format(times[1] / 1000)) s over 3 runs (target < 10 s)")
}

if which == "all" || which == "query" {
    // `query [FILE.sqlite] [TEXT]` keeps the shop in FILE between runs and asks only the questions with TEXT.
    let keep = CommandLine.arguments.dropFirst(2).first.flatMap { $0.hasSuffix(".sqlite") ? $0 : nil }
    let only = CommandLine.arguments.dropFirst(keep == nil ? 2 : 3).first
    try QueryBenchmark(directory: directory, keep: keep, only: which == "query" ? only : nil).run()
}

if which == "all" || which == "alerts" {
    try AlertBenchmark(directory: directory).run()
}

if which == "all" || which == "forecast" {
    // `forecast [FILE.csv ...]` also scores public sales data (Tools/fetch-forecast-data.sh fetches some).
    let files = which == "forecast" ? CommandLine.arguments.dropFirst(2).filter { $0.hasSuffix(".csv") } : []
    try ForecastBenchmark(directory: directory, datasets: files).run()
}

if which == "all" || which == "import" {
    // `import [LINES]` generates a file; `import FILE.csv` imports that one.
    let argument = CommandLine.arguments.dropFirst(2).first
    let lines = argument.flatMap { Int($0) } ?? 1_000_000
    let file = argument.flatMap { $0.hasSuffix(".csv") ? $0 : nil }
    try ImportBenchmark(directory: directory, lines: lines, file: file).run()
}

if which == "all" || which == "chart" { ChartBenchmark().run() }

if which == "sync" {
    let sync = try await SyncBenchmark(directory: directory).run()
    print(String(format: "square sync: 10,000 orders, %d lines in %.2f s (target ≤ 5 s)", sync.lines, sync.seconds))
}

if which == "idle" {
    // The idle row of the table alone (OPSBOT_BENCH_IDLE_SECONDS changes the 60 s).
    let process = ProcessBenchmark(directory: directory)
    guard let opsbot = ProcessBenchmark.sibling("opsbot") else {
        throw BenchFailure("build opsbot beside opsbot-bench")
    }
    guard let memory = try process.idleMemory(opsbot) else { throw BenchFailure("opsbot run stopped") }
    print(
        String(
            format:
                "idle opsbot run: %.1f MiB (%.1f MB) after %.0f s; %.1f MiB anonymous, %.1f MiB of files; %.1f MiB at 2 s (target ≤ 25 MB)",
            memory.idle, memory.idle * 1.048576, process.idleSeconds, memory.anonymous, memory.files, memory.started))
}
