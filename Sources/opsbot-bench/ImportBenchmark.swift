import Foundation
import OpsCore

/// Imports a generated sales CSV and compares with sqlite3's own `.import` of the same file into a bare table.
struct ImportBenchmark {
    let directory: String
    let lines: Int
    /// An existing CSV to import instead of a generated one.
    var file: String? = nil

    /// Rounds of (sqlite3 baseline, import into a new database), interleaved so both see the same machine.
    var rounds = 3

    func run() throws {
        let csv = file ?? directory + "/sales-\(lines).csv"
        let bytes =
            file == nil
            ? try generate(csv)
            : Int((try FileManager.default.attributesOfItem(atPath: csv)[.size] as? NSNumber)?.intValue ?? 0)
        print("import: \(lines) sales lines, \(bytes / 1_000_000) MB of CSV, \(rounds) rounds")

        let readStart = DispatchTime.now().uptimeNanoseconds
        var reader = try CSVReader(path: csv)
        var rows = 0
        while let row = try reader.next() { rows += row.fields.count > 0 ? 1 : 0 }
        let readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
        print(String(format: "CSV reading alone: %.2f s (%d rows)", readSeconds, rows))

        var imports: [Double] = []
        var baselines: [Double] = []
        var ratios: [Double] = []
        var floors: [StorageFloor.Figures] = []
        var peakMemory = 0.0
        for round in 1...rounds {
            let baseline = try sqliteImport(csv)
            let path = directory + "/import-\(round).sqlite"
            let shop = try Self.shop(at: path)
            let (report, seconds) = try Self.timedImport(csv, into: shop)
            guard report.status == .imported, report.inserted == lines else {
                print(
                    "import failed: \(report.status), \(report.inserted) rows, first errors \(report.errors.prefix(3))")
                return
            }
            imports.append(seconds)
            // The floor's copies run in this process too: the peak is the import's only until the first of them.
            if round == 1 { peakMemory = Self.peakMemoryMB() }
            var line = String(
                format: "round %d: opsbot import %.2f s (%.0f rows/s)", round, seconds, Double(lines) / seconds)
            if let baseline {
                baselines.append(baseline)
                ratios.append(seconds / baseline)
                line += String(
                    format: "; sqlite3 .import into a bare table %.2f s; ratio %.2f", baseline, seconds / baseline)
            }
            print(line)
            let floor = try StorageFloor.measure(imported: path, in: directory)
            floors.append(floor)
            let ratios = baseline.map {
                String(format: " (ratios %.2f and %.2f)", floor.lines / $0, floor.linesAndRollups / $0)
            }
            print(
                String(
                    format: "  SQLite alone, storing what the import stored: its lines %.2f s, with the rollups %.2f s",
                    floor.lines, floor.linesAndRollups) + (ratios ?? ""))
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        print(
            String(
                format: "opsbot import: median %.2f s, %.0f rows/s, peak memory %.0f MB (target ≤ 150 MB)",
                Self.median(imports), Double(lines) / Self.median(imports), peakMemory))
        if ratios.isEmpty {
            print("sqlite3 (the command-line shell) is not installed: no ratio. apt-get install sqlite3")
        } else {
            print(
                String(
                    format: "sqlite3 .import: median %.2f s; ratio median %.2f, range %.2f–%.2f (target ≤ 2.0)",
                    Self.median(baselines), Self.median(ratios), ratios.min()!, ratios.max()!))
            // On a shared machine a neighbour slows one side of a round and not the other; the fastest of
            // each is the steadiest estimate of what they cost.
            print(
                String(
                    format: "fastest import %.2f s / fastest sqlite3 %.2f s: ratio %.2f",
                    imports.min()!, baselines.min()!, imports.min()! / baselines.min()!))
            // What storing the result costs SQLite before a value is parsed: the part of the ratio that no
            // importer code removes, only a different schema.
            let fastestLines = floors.map(\.lines).min()!, fastestAll = floors.map(\.linesAndRollups).min()!
            let fastestBaseline = baselines.min()!
            print(
                String(
                    format: "SQLite alone, fastest: the lines %.2f s, ratio %.2f; with the rollups %.2f s, ratio %.2f",
                    fastestLines, fastestLines / fastestBaseline, fastestAll, fastestAll / fastestBaseline))
        }
        if file == nil { try importIntoAFullShop(first: csv) }
    }

    /// A second file of other orders over the same days (a second till's export) into the shop the first filled:
    /// every day, hour and product day it touches holds lines already, and the shop's indexes are twice the size.
    private func importIntoAFullShop(first: String) throws {
        let second = directory + "/sales-\(lines)-second.csv"
        _ = try generate(second, orders: "P")
        let path = directory + "/import-full.sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let shop = try Self.shop(at: path)
        _ = try Self.timedImport(first, into: shop)
        let (report, seconds) = try Self.timedImport(second, into: shop)
        guard report.status == .imported, report.inserted == lines else {
            print("second import failed: \(report.status), \(report.inserted) rows")
            return
        }
        print(
            String(
                format: "into a shop already holding the first file (other orders, same days): %.2f s (%.0f rows/s)",
                seconds, Double(lines) / seconds))

        let (again, againSeconds) = try Self.timedImport(first, into: shop)
        guard case .duplicate = again.status else {
            print("the first file again was not found a duplicate: \(again.status)")
            return
        }
        print(String(format: "the first file again: answered \"already imported\" in %.2f s", againSeconds))
    }

    /// A new shop in a new database file.
    private static func shop(at path: String) throws -> (store: Store, org: Org) {
        let store = try Store(path: path)
        return (store, try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!))
    }

    /// Imports `csv` as sales; the report and the seconds it took.
    private static func timedImport(_ csv: String, into shop: (store: Store, org: Org)) throws -> (ImportReport, Double)
    {
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try Importer(store: shop.store, org: shop.org).importFile(path: csv, options: .init(kind: .sales))
        return (report, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Orders of one to three lines over a year, 5,000 products, order ids starting with `orders`; written in
    /// 1 MB chunks.
    func generate(_ path: String, orders prefix: String = "O") throws -> Int {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = "order,line,sold at,sku,product,qty,unit price,line total\n"
        var written = 0
        var random = SystemRandomNumberGenerator()
        var line = 0
        var order = 0
        let start = 1_767_225_600  // 2026-01-01
        while line < lines {
            order += 1
            let size = min(lines - line, Int.random(in: 1...3, using: &random))
            let at = start + order * 31_536_000 / (lines / 2)
            let stamp = Self.stamp(at)
            for number in 1...size {
                let product = Int.random(in: 0..<5_000, using: &random)
                let quantity = Int.random(in: 1...3, using: &random)
                let cents = 100 + product % 900
                chunk +=
                    "\(prefix)\(order),\(number),\(stamp),SKU-\(product),Product \(product),\(quantity),"
                    + "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100),"
                    + "\(cents * quantity / 100).\((cents * quantity) % 100 < 10 ? "0" : "")\((cents * quantity) % 100)\n"
                line += 1
            }
            if chunk.utf8.count > 1_000_000 {
                handle.write(Data(chunk.utf8))
                written += chunk.utf8.count
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        return written + chunk.utf8.count
    }

    /// "2026-03-05 14:03:00Z", without a DateFormatter per row.
    static func stamp(_ seconds: Int) -> String {
        let time = seconds % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return CivilDate(daysSince1970: seconds / 86_400).key
            + " \(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60))Z"
    }

    /// Seconds sqlite3's shell takes to `.import` the file into a new bare table, or nil without the shell.
    private func sqliteImport(_ csv: String) throws -> Double? {
        let candidates = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"]
        guard let shell = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        let bare = directory + "/bare.sqlite"
        try? FileManager.default.removeItem(atPath: bare)
        process.arguments = [bare, "-cmd", ".mode csv", ".import '\(csv)' sales"]
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
