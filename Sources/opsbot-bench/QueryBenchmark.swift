import Foundation
import OpsChat
import OpsCore

/// Every question, over several periods, on a shop of 5,000 products and 2,000,000 sales lines: p50/p95/max
/// of the time `Conversation.handle` takes (the core, no network).
struct QueryBenchmark {
    let directory: String
    /// A database to keep between runs (built when missing), for working on one query.
    var keep: String? = nil
    var products = 5_000
    var lines = 2_000_000
    var runs = 100
    /// Only the questions containing this text (`query FILE.sqlite "trend"`), for profiling one.
    var only: String? = nil

    static let questions = [
        "sales today", "sales yesterday", "sales this week", "sales last month", "sales this year", "/sales 30d",
        "top 5 products this week", "top 10 products last month", "worst sellers in category 3 this month",
        "top 5 by margin this year", "how is product 42 doing", "trend product 4242 last 90 days",
        "stock low?", "what's out of stock", "stock product 1234", "stock category 7", "stock-outs last month",
        "sales by category this month", "are weekends better", "busiest hours this month", "busiest hours this year",
        "sales this week at market", "sales this year at high street", "sales by location this month", "help",
        "staffing last week", "labour cost this month", "sales per labour hour this year",
        "overstaffed hours last week",
        "who's working today", "are we overstaffed on saturday", "next week's rota",
    ]

    /// The shop's tills: orders go round them.
    static let locations = ["Market", "High Street", "Station"]

    func run() throws {
        let path = keep ?? directory + "/query-\(products)-\(lines).sqlite"
        let store = try Store(path: path)
        let org = try store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!)
        let now = org.calendar.date(dayKey: "2026-11-25")!.addingTimeInterval(15 * 3600)
        if try BenchmarkShop.salesLineCount(store) < lines {
            let built = try measureSeconds { try build(store: store, org: org, now: now) }
            print(
                String(format: "query: shop of %d products and %d sales lines built in %.1f s", products, lines, built))
        }
        let owner = try store.upsertMember(orgID: org.id, transport: "bench", userKey: "1", name: "Owner", role: .owner)
        let conversation = Conversation(store: store, clock: FixedClock(now))
        print("question                            p50 ms   p95 ms   max ms")
        var worst = 0.0
        for question in Self.questions where only.map({ question.contains($0) }) ?? true {
            let message = ChatMessage(
                transport: "bench", chat: .init(id: "1", kind: .privateChat),
                sender: .init(userKey: owner.userKey, displayName: owner.name), text: question)
            _ = conversation.handle(message)
            var times = (0..<runs).map { _ in measureSeconds { _ = conversation.handle(message) } * 1000 }
            times.sort()
            let p95 = times[min(times.count - 1, Int(Double(times.count - 1) * 0.95))]
            worst = max(worst, p95)
            print(
                question.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + String(format: "%8.3f %8.3f %8.3f", times[times.count / 2], p95, times.last!))
        }
        print(String(format: "worst p95: %.2f ms (target ≤ 10 ms)", worst))
    }

    private func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Products in 20 categories with costs and reorder points; a year of orders of one to three lines,
    /// busier at lunch and on weekends; stock counts with some products low and some out.
    private func build(store: Store, org: Org, now: Date) throws {
        var random = SystemRandomNumberGenerator()
        var ids: [Int64] = []
        try store.write {
            for index in 0..<products {
                let price = 100 + index % 900
                ids.append(
                    try store.upsertProduct(
                        Product(
                            sku: "P\(index)", name: "Product \(index)", category: "Category \(index % 20)",
                            unitCost: price * 55 / 100, unitPrice: price, reorderPoint: 10, leadTimeDays: 3),
                        orgID: org.id, now: now))
            }
            for (index, id) in ids.enumerated() {
                let quantity = index % 50 == 0 ? 0 : index % 7 == 0 ? 5 : 40
                try store.recordStock(
                    productID: id, quantity: quantity, countedAt: now.addingTimeInterval(-3600), reason: "count")
                if quantity == 0 {
                    try store.recordStock(
                        productID: id, quantity: 0, countedAt: now.addingTimeInterval(-86_400 * 3), reason: "stock-out")
                }
            }
        }
        let start = now.addingTimeInterval(-365 * 86_400)
        let span = now.timeIntervalSince(start)
        // A year of shifts: ten a day across the three tills, for the staffing questions, and a rota to the end
        // of next week for the check against the forecast.
        try store.write {
            for day in 0...379 {
                let morning = org.calendar.startOfDay(start, adding: day)
                for person in 0..<10 {
                    let from = morning.addingTimeInterval(Double(6 + person % 6) * 3600)
                    try store.upsertShift(
                        Shift(
                            person: "Person \(person)", startsAt: from, endsAt: from.addingTimeInterval(8 * 3600),
                            hourlyRate: 1200 + 50 * person, location: Self.locations[person % Self.locations.count],
                            breakMinutes: 30), orgID: org.id)
                }
            }
        }
        var written = 0
        var order = 0
        // Several transactions, as a year of daily imports would be.
        while written < lines {
            try store.writeSales(org: org) { writer in
                var batch = 0
                while batch < 200_000 && written < lines {
                    order += 1
                    let at = start.addingTimeInterval(span * Double(order) / Double(lines / 2))
                    for number in 1...min(lines - written, Int.random(in: 1...3, using: &random)) {
                        let index = Int.random(in: 0..<products, using: &random)
                        let price = 100 + index % 900
                        let quantity = Int.random(in: 1...3, using: &random)
                        try writer.upsert(
                            SaleLine(
                                source: "bench", orderID: "O\(order)", line: number, soldAt: at, productID: ids[index],
                                quantity: quantity, unitPrice: price, total: price * quantity,
                                cost: price * 55 / 100 * quantity,
                                location: Self.locations[order % Self.locations.count]))
                        written += 1
                        batch += 1
                    }
                }
            }
        }
    }
}
