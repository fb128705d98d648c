import Foundation
import OpsChat
import OpsCore

/// `opsbot-bench` (or `opsbot-bench table`): every target of the performance issue measured in one run, each
/// beside its anchor, and printed as one table. `OPSBOT_BENCH_QUERY_DB=FILE.sqlite` keeps the 2M-line shop
/// between runs; `OPSBOT_BENCH_IMPORT_LINES=100000,300000` and `OPSBOT_BENCH_IDLE_SECONDS=10` shorten a trial.
struct PerformanceRun {
    let directory: String

    func run() async throws -> PerformanceTable {
        guard let opsbot = ProcessBenchmark.sibling("opsbot") else {
            throw BenchFailure("opsbot is not built beside opsbot-bench: swift build -c release")
        }
        let environment = ProcessInfo.processInfo.environment
        var table = PerformanceTable()
        let process = ProcessBenchmark(directory: directory)

        let sizes =
            environment["OPSBOT_BENCH_IMPORT_LINES"]?.split(separator: ",").compactMap { Int($0) }
            ?? [100_000, 300_000, 1_000_000]
        for lines in sizes {
            guard let (ours, theirs) = try process.imports(opsbot, lines: lines) else {
                print("sqlite3 (the command-line shell) is not installed: no import ratios. apt-get install sqlite3")
                break
            }
            log("import \(lines) lines: opsbot \(ours) s, sqlite3 \(theirs) s")
            table.add(
                "`opsbot import`, \(lines.formatted()) lines in time order", ours, "s",
                anchor: ("sqlite3 .import", theirs), limit: 2.0, ratio: true)
        }
        let unsorted = sizes.contains(300_000) ? 300_000 : sizes.first ?? 300_000
        if let (ours, theirs) = try process.imports(opsbot, lines: unsorted, sortedByProduct: true) {
            log("import \(unsorted) lines sorted by product: opsbot \(ours) s, sqlite3 \(theirs) s")
            table.add(
                "`opsbot import`, \(unsorted.formatted()) lines sorted by product", ours, "s",
                anchor: ("sqlite3 .import", theirs), limit: 3.0, ratio: true)
        }

        let query = QueryBenchmark(directory: directory, keep: environment["OPSBOT_BENCH_QUERY_DB"])
        let queryShop = query.keep ?? directory + "/query-\(query.products)-\(query.lines).sqlite"
        for busy in [false, true] {
            let timings = try query.timings(busy: busy)
            let failed = timings.filter { $0.problem != nil }
            for timing in failed { log("question “\(timing.question)”: \(timing.problem ?? "")") }
            let worst = timings.max { $0.p95 < $1.p95 }
            log(
                "questions\(busy ? " beside a busy core" : ""): worst p95 \(worst?.p95 ?? 0) ms (\(worst?.question ?? ""))"
            )
            table.add(
                "Worst question p95, 2M-line shop\(busy ? ", a second process keeping a core busy" : "")"
                    + " (\(timings.count) questions)",
                worst?.p95 ?? 0, "ms", limit: 10,
                failure: failed.isEmpty ? nil : "\(failed.count) questions not answered as named")
        }

        let floor = try process.floor(opsbot)
        try generateDemoShop(directory + "/demo.sqlite")
        for (label, shop, limit) in [
            ("5,000-product shop", queryShop, 50.0), ("demo shop", directory + "/demo.sqlite", 30.0),
        ] {
            let slowest =
                try ["stock low?", "help", "sales today"].map {
                    try process.ask(opsbot, $0, database: shop) * 1000
                }.max() ?? 0
            log("opsbot ask on the \(label): slowest median \(slowest) ms; --version \(floor * 1000) ms")
            table.add(
                "`opsbot ask` start to answer, \(label) (slowest of stock low? / help / sales today)", slowest, "ms",
                anchor: ("`opsbot --version`", floor * 1000), limit: limit)
        }

        if let memory = try process.idleMemory(opsbot) {
            log(
                "idle opsbot run: \(memory.idle) MiB after \(process.idleSeconds) s (\(memory.anonymous) MiB anonymous, "
                    + "\(memory.files) MiB of files); \(memory.started) MiB at 2 s")
            table.add(
                "Idle `opsbot run` resident memory after \(Int(process.idleSeconds)) s", memory.idle, "MiB",
                anchor: ("the same process at 2 s", memory.started), limit: 25)
        }

        let demo = try Store(path: directory + "/demo.sqlite")
        let org = try demo.ensureOrg(timeZone: zone)
        let history = DemandHistory(store: demo, org: org)
        let speed = ForecastBenchmark.speed(
            of: try history.series(days: 364, now: now), shop: try history.shopSeries(days: 364, now: now))
        table.add("Forecast, 5,000 products × 364 days", speed, "ms", limit: 1000)
        let chart = ChartBenchmark().run(quiet: true)
        table.add("A chart, PNG 1200 × 720 (slowest kind, median)", chart.milliseconds, "ms", limit: 50)
        let sync = try await SyncBenchmark(directory: directory).run()
        table.add("Square sync, 10,000 orders from its fake", sync.seconds, "s", limit: 5)
        let insights = WeeklyInsights(store: demo, org: org)
        let times = try (0..<5).map { _ in try measure { _ = try insights.cards(now: now) } }.sorted()
        table.add("Weekly insights over the demo shop's year", times[2], "ms", limit: 1000)
        return table
    }

    private func generateDemoShop(_ path: String) throws {
        let store = try Store(path: path)
        try DemoShop(seed: 42, now: now).generate(into: store, org: try store.ensureOrg(timeZone: zone))
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data(("  " + line + "\n").utf8))
    }
}
