import Foundation
import Testing

@testable import OpsCore

/// Random sequences of overlapping sales files: lines repeated as they were, changed (time, product, quantity,
/// price, location), out of time order, repeated within a file, a row rejected now and then. After every file
/// the shop holds exactly what the files said last, each row's outcome is counted as it should be, and every
/// rollup adds up to the lines (`RollupOracle`).
@Suite struct ImportSequenceTests {
    struct Line: Equatable {
        /// Local time as written, "2024-03-09 23:30"; the shop is in New York.
        var soldAt: String
        var sku: String
        var quantity: Int
        var cents: Int
        var location: String
    }

    static let zone = TimeZone(identifier: "America/New_York")!
    /// A refund now and then.
    static let quantities = [-1, 1, 1, 2, 3]

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func overlappingFilesLeaveWhatTheyLastSaid(seed: UInt64) throws {
        let store = try Store.inMemory()
        let org = try store.ensureOrg(timeZone: Self.zone)
        var random = SeededRandom(seed: seed)
        var shop: [String: Line] = [:]
        var orders = 0

        for file in 1...5 {
            // Mostly more than one batch of lines (64), so whole batches, overlapping ones and the rest all occur.
            let rows = Int.random(in: 20...260, using: &random)
            let bad = rows >= 40 ? Int.random(in: 0..<rows, using: &random) : nil
            var text = "order,line,sold at,sku,qty,price,location\n"
            var expected = (inserted: 0, updated: 0, unchanged: 0)
            var seen = shop
            for row in 0..<rows {
                let key: String
                if !seen.isEmpty, random.unit() < 0.45 {
                    key = seen.keys.sorted()[Int.random(in: 0..<seen.count, using: &random)]
                } else {
                    if orders == 0 || random.unit() < 0.6 { orders += 1 }
                    let order = Int.random(in: max(1, orders - 3)...orders, using: &random)
                    key = "O\(order)|\(Int.random(in: 1...3, using: &random))"
                }
                var line = seen[key] ?? Self.randomLine(&random)
                if seen[key] != nil, random.unit() < 0.5 { Self.change(&line, &random) }
                let parts = key.split(separator: "|")
                let price = "\(line.cents / 100).\(String(format: "%02d", line.cents % 100))"
                let quantity = row == bad ? "two" : "\(line.quantity)"
                text += "\(parts[0]),\(parts[1]),\(line.soldAt),\(line.sku),\(quantity),\(price),\(line.location)\n"
                guard row != bad else { continue }
                if seen[key] == nil {
                    expected.inserted += 1
                } else if seen[key] == line {
                    expected.unchanged += 1
                } else {
                    expected.updated += 1
                }
                seen[key] = line
            }
            shop = seen

            let report = try Importer(store: store, org: org).importBytes(
                Array(text.utf8), fileName: "sales-\(file).csv", options: .init(now: Date()))
            #expect(report.status == .imported, "seed \(seed), file \(file)")
            #expect(report.rejected == (bad == nil ? 0 : 1), "seed \(seed), file \(file)")
            let outcomes: [Int] = [report.inserted, report.updated, report.unchanged]
            #expect(
                outcomes == [expected.inserted, expected.updated, expected.unchanged], "seed \(seed), file \(file)")
            #expect(try Self.storedLines(store) == shop, "seed \(seed), file \(file)")
            try expectRollupsAddUp(in: store, timeZone: Self.zone)
        }
    }

    /// Around the spring DST change (2024-03-10 in New York), leaving out the hour that does not exist that day.
    static func randomTime(_ random: inout SeededRandom) -> String {
        let day = Int.random(in: 8...12, using: &random)
        var hour = Int.random(in: 0...23, using: &random)
        if day == 10, hour == 2 { hour = 3 }
        return
            "2024-03-\(String(format: "%02d", day)) \(String(format: "%02d", hour)):\(String(format: "%02d", Int.random(in: 0...59, using: &random)))"
    }

    static func randomLine(_ random: inout SeededRandom) -> Line {
        Line(
            soldAt: randomTime(&random), sku: "SKU-\(Int.random(in: 0..<15, using: &random))",
            quantity: quantities.randomElement(using: &random)!,
            cents: Int.random(in: 50...2_000, using: &random),
            location: ["", "", "Market", "Kiosk"].randomElement(using: &random)!)
    }

    /// Changes one thing about a line, or two.
    static func change(_ line: inout Line, _ random: inout SeededRandom) {
        for _ in 0..<Int.random(in: 1...2, using: &random) {
            switch Int.random(in: 0..<5, using: &random) {
            case 0: line.soldAt = randomTime(&random)
            case 1: line.sku = "SKU-\(Int.random(in: 0..<15, using: &random))"
            case 2: line.quantity = quantities.filter { $0 != line.quantity }.randomElement(using: &random)!
            case 3: line.cents += Int.random(in: 1...300, using: &random)
            default: line.location = line.location == "Market" ? "Kiosk" : "Market"
            }
        }
    }

    /// The shop's lines as the file would write them back.
    static func storedLines(_ store: Store) throws -> [String: Line] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var lines: [String: Line] = [:]
        try store.database.forEachRow(
            """
            SELECT s.order_id, s.line, s.sold_at, p.sku, s.quantity, s.unit_price, s.location
            FROM sales s JOIN products p ON p.id = s.product_id
            """
        ) { row in
            let date = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(row.int64(2))))
            let soldAt = String(
                format: "%04d-%02d-%02d %02d:%02d", date.year!, date.month!, date.day!, date.hour!, date.minute!)
            lines["\(row.string(0))|\(row.int(1))"] = Line(
                soldAt: soldAt, sku: row.string(3), quantity: row.int(4), cents: row.int(5), location: row.string(6))
        }
        return lines
    }
}
