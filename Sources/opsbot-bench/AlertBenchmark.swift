import Foundation
import OpsCore

/// `opsbot-bench alerts`: one alert evaluation over 50,000 products with stock, reorder points, lead times and
/// 35 days of daily sales (written straight into the rollups the evaluation reads). Target: ≤ 1 s.
struct AlertBenchmark {
    let directory: String
    let products = 50_000

    func run() throws {
        let store = try Store(path: directory + "/alerts.sqlite")
        let org = try store.ensureOrg(name: "Bench", timeZone: zone, now: now)
        let setup = try measure { try populate(store, org: org) }
        for chat in 1...2 {
            try store.recordChat(orgID: org.id, transport: "telegram", chatKey: "-\(chat)", kind: "group", title: nil)
            try store.setChatReceivesAlerts(true, transport: "telegram", chatKey: "-\(chat)")
        }
        let engine = AlertEngine(store: store, org: org, recipients: AlertRecipients(emails: ["owner@example.com"]))
        var first = AlertEvaluation()
        let firstTime = try measure { first = try engine.evaluate(now: now) }
        var steady: [Double] = []
        for run in 1...7 {
            steady.append(try measure { try engine.evaluate(now: now.addingTimeInterval(Double(run) * 60)) })
        }
        steady.sort()
        // A stock count that restocks 2,000 low products: their alerts resolve.
        let restock = try BenchmarkShop.lowStockProducts(store, limit: 2000)
        try store.write {
            for id in restock {
                try store.recordStock(
                    productID: id, quantity: 500, countedAt: now.addingTimeInterval(600), reason: "count")
            }
        }
        var after = AlertEvaluation()
        let restockTime = try measure { after = try engine.evaluate(now: now.addingTimeInterval(900)) }
        print("alerts: \(products) products (set up in \(format(setup / 1000)) s)")
        print(
            "  first evaluation: \(format(firstTime)) ms, \(first.opened.count) alerts opened, \(first.deliveries) outbox items"
        )
        print(
            "  steady state:     median \(format(steady[steady.count / 2])) ms, max \(format(steady.last!)) ms over 7 runs"
                + " (target ≤ 1000 ms)")
        print(
            "  after a restock:  \(format(restockTime)) ms, \(after.resolved.count) alerts resolved, \(after.deliveries) outbox items"
        )
    }

    private func populate(_ store: Store, org: Org) throws {
        var random = SplitMix(state: 7)
        let calendar = org.calendar
        let days = (1...35).map { calendar.dayKey(calendar.startOfDay(now, adding: -$0)) }
        // Made as they are written (lazily), as the shop was before it moved into OpsCore: no 50,000 at once.
        let items = (0..<products).lazy.map { index -> BenchmarkShop.Item in
            // Most healthy; about 1 in 12 low, 1 in 50 out.
            let roll = random.next(below: 100)
            let quantity = roll < 2 ? 0 : roll < 10 ? random.next(below: 10) + 1 : 40 + random.next(below: 200)
            let rate = 1 + random.next(below: 6)
            var units: [(day: String, units: Int)] = []
            for day in days where random.next(below: 10) < 7 { units.append((day, rate + random.next(below: 3))) }
            return BenchmarkShop.Item(
                sku: "SKU-\(index)", name: "Product \(index)", category: "Category \(index % 40)",
                unitPrice: 100 + index % 900,
                reorderPoint: 10 + index % 20, leadTimeDays: 2 + index % 10, quantity: quantity, unitsByDay: units)
        }
        try BenchmarkShop.populate(store, orgID: org.id, items: items, now: now)
    }
}

/// A small seeded generator, so every run builds the same shop.
struct SplitMix {
    var state: UInt64

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
