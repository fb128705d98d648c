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

    /// One question's times, in milliseconds; `problem` when its reply is not the answer it names.
    struct Timing {
        let question: String
        let p50: Double
        let p95: Double
        let max: Double
        let problem: String?
    }

    /// What each question's reply must start with or hold: the thing it names, so "Which one do you mean?" or
    /// another question's answer is caught before it is timed.
    static let expected: [String: String] = [
        "sales today": "Sales today", "sales yesterday": "Sales yesterday", "sales this week": "Sales this week",
        "sales last month": "Sales last month", "sales this year": "Sales this year",
        "/sales 30d": "Sales last 30 days",
        "top 5 products this week": "Top 5 this week", "top 10 products last month": "Top 10 last month",
        "worst sellers in category 3 this month": "Worst 5 in Category 3 this month",
        "top 5 by margin this year": "Top 5", "how is product 42 doing": "Product 42 ",
        "trend product 4242 last 90 days": "Product 4242 last 90 days", "stock low?": "Low stock",
        "what's out of stock": "Out of stock", "stock product 1234": "Product 1234 · P1234",
        "stock category 7": "Stock in Category 7", "stock-outs last month": "Stock-outs last month",
        "sales by category this month": "Sales by category this month", "are weekends better": "Average day",
        "busiest hours this month": "Busiest hours this month", "busiest hours this year": "Busiest hours this year",
        "sales this week at market": "Market", "sales this year at high street": "High Street",
        "sales by location this month": "Sales by location this month", "help": "",
        "staffing last week": "Staffing last week", "labour cost this month": "Staffing this month",
        "sales per labour hour this year": "Staffing this year", "overstaffed hours last week": "verstaffed",
        "who's working today": "", "are we overstaffed on saturday": "", "next week's rota": "",
    ]

    static let refusals = ["Which one do you mean", "didn't get that", "I couldn't find", "can't do that yet"]

    /// Why `reply` is not the answer `question` names, or nil.
    static func problem(_ question: String, _ reply: String) -> String? {
        let first = reply.split(separator: "\n").first.map(String.init) ?? ""
        if let refusal = refusals.first(where: reply.contains) { return "answered “\(refusal)…”" }
        if let wanted = expected[question], !wanted.isEmpty, !first.contains(wanted) {
            return "answered “\(first.prefix(60))”, not “\(wanted)…”"
        }
        return nil
    }

    /// The shop (built when missing) and every question timed; with `busy`, while another process keeps a core
    /// busy.
    func timings(busy: Bool) throws -> [Timing] {
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
        let spinner = busy ? try Self.busyCore() : nil
        defer {
            // SIGKILL: the child inherits this process's blocked signals, SIGTERM among them.
            if let spinner {
                kill(spinner.processIdentifier, SIGKILL)
                spinner.waitUntilExit()
            }
        }
        var timings: [Timing] = []
        for question in Self.questions where only.map({ question.contains($0) }) ?? true {
            let message = ChatMessage(
                transport: "bench", chat: .init(id: "1", kind: .privateChat),
                sender: .init(userKey: owner.userKey, displayName: owner.name), text: question)
            let reply = conversation.handle(message).plainText
            if let problem = Self.problem(question, reply) {
                timings.append(Timing(question: question, p50: 0, p95: 0, max: 0, problem: problem))
                continue
            }
            var times = (0..<runs).map { _ in measureSeconds { _ = conversation.handle(message) } * 1000 }
            times.sort()
            let p95 = times[min(times.count - 1, Int(Double(times.count - 1) * 0.95))]
            timings.append(
                Timing(question: question, p50: times[times.count / 2], p95: p95, max: times.last!, problem: nil))
        }
        return timings
    }

    /// Another process keeping one core busy (a shell's empty loop), as a neighbour on a shared machine does.
    static func busyCore() throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "while :; do :; done"]
        try process.run()
        return process
    }

    func run() throws {
        let timings = try timings(busy: false)
        print("question                            p50 ms   p95 ms   max ms")
        for timing in timings {
            let name = timing.question.padding(toLength: 34, withPad: " ", startingAt: 0)
            if let problem = timing.problem {
                print(name + "  FAILED: " + problem)
            } else {
                print(name + String(format: "%8.3f %8.3f %8.3f", timing.p50, timing.p95, timing.max))
            }
        }
        let worst = timings.map(\.p95).max() ?? 0
        let failed = timings.filter { $0.problem != nil }.count
        print(String(format: "worst p95: %.2f ms (target ≤ 10 ms); %d questions not answered as named", worst, failed))
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
