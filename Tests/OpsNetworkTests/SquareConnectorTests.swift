import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// Square, read through `SquareFake` (a loopback Square API answering as Square documents it).
@Suite(.timeLimit(.minutes(2))) struct SquareConnectorTests {
    /// The waits the connector asked for, recorded instead of slept.
    final class Sleeps: Sendable {
        let seconds = Mutex<[TimeInterval]>([])
    }

    let directory = TemporaryDirectory()
    static let start = SquareFake.date("2026-12-03T12:00:00Z")!

    /// A shop with an owner reachable in a private chat and a group that gets alerts.
    func shop(_ name: String = "shop.sqlite") throws -> (Store, Org, ConversationService) {
        let path = directory.file(name)
        let store = try Store(path: path)
        var org = try store.ensureOrg(name: "Corner Café", timeZone: TimeZone(identifier: "Europe/London")!)
        org.currency = Currency(code: "GBP")!
        try store.updateOrg(org)
        _ = try store.upsertMember(orgID: org.id, transport: "telegram", userKey: "42", name: "Olive", role: .owner)
        try store.recordChat(orgID: org.id, transport: "telegram", chatKey: "42", kind: "private", title: nil)
        try store.recordChat(orgID: org.id, transport: "telegram", chatKey: "-100", kind: "group", title: "Floor")
        try store.setChatReceivesAlerts(true, transport: "telegram", chatKey: "-100")
        return (store, org, try ConversationService(databasePath: path, orgID: org.id))
    }

    func connector(_ fake: SquareFake, sleeps: Sleeps? = nil) -> SquareConnector {
        SquareConnector(
            options: .init(baseURL: fake.baseURL, token: SquareFake.token),
            http: ConnectorHTTP(
                client: CurlHTTPClient(), backoff: Backoff(base: 0.5, maximum: 30),
                sleep: { seconds in sleeps?.seconds.withLock { $0.append(seconds) } }))
    }

    static func fake() throws -> SquareFake {
        let fake = try SquareFake()
        fake.variations.withLock {
            $0 = [
                .init(
                    id: "V-LAT-L", itemID: "I-LAT", itemName: "Latte", name: "Large", sku: "LAT-L", price: 400,
                    category: "Coffee"),
                .init(
                    id: "V-CRO", itemID: "I-CRO", itemName: "Croissant", sku: "CRO-1", price: 260, category: "Bakery"),
                .init(
                    id: "V-OAT", itemID: "I-OAT", itemName: "Oat Milk 1L", sku: "OAT-1", price: 210, category: "Dairy"),
            ]
        }
        fake.orders.withLock {
            $0 = [
                .init(
                    id: "O1", createdAt: "2026-12-01T08:00:00Z",
                    lines: [
                        .init(
                            "a", variation: "V-LAT-L", name: "Latte", variationName: "Large", quantity: "2",
                            basePrice: 400, discount: 80, tax: 58),
                        .init("b", variation: "V-CRO", name: "Croissant", quantity: "1", basePrice: 260, tax: 21),
                    ], tip: 100),
                .init(
                    id: "O2", createdAt: "2026-12-01T09:30:00Z",
                    lines: [.init("a", variation: "V-OAT", name: "Oat Milk 1L", quantity: "3", basePrice: 210)]),
                .init(
                    id: "O3", createdAt: "2026-12-02T10:00:00.250Z",
                    lines: [.init("a", variation: "V-CRO", name: "Croissant", quantity: "2", basePrice: 260)]),
                .init(
                    id: "O4", state: "CANCELED", createdAt: "2026-12-02T11:00:00Z",
                    lines: [.init("a", variation: "V-LAT-L", name: "Latte", quantity: "1", basePrice: 400)]),
                .init(
                    id: "O5", state: "OPEN", createdAt: "2026-12-02T11:30:00Z",
                    lines: [.init("a", variation: "V-OAT", name: "Oat Milk 1L", quantity: "9", basePrice: 210)]),
            ]
        }
        fake.counts.withLock {
            $0 = [
                .init(variation: "V-OAT", quantity: "5", calculatedAt: "2026-12-02T12:00:00Z"),
                .init(variation: "V-CRO", quantity: "12", calculatedAt: "2026-12-02T12:00:00Z"),
            ]
        }
        return fake
    }

    /// The changes between the first sync and the second: a new order, an order edited (a line gone, a
    /// quantity changed) and a refund of one croissant from O3.
    static func change(_ fake: SquareFake) {
        fake.orders.withLock { orders in
            orders.append(
                .init(
                    id: "O6", createdAt: "2026-12-03T09:00:00Z",
                    lines: [
                        .init(
                            "a", variation: "V-LAT-L", name: "Latte", variationName: "Large", quantity: "1",
                            basePrice: 400)
                    ]))
            orders[0].lines.removeLast()
            orders[0].updatedAt = "2026-12-03T09:05:00Z"
            orders[1].lines[0].quantity = "2"
            orders[1].updatedAt = "2026-12-03T09:06:00Z"
            orders.append(
                .init(
                    id: "R1", createdAt: "2026-12-03T09:10:00Z", lines: [],
                    returns: [.init("r", variation: "V-CRO", name: "Croissant", quantity: "1", basePrice: 260)],
                    returnsOf: "O3"))
        }
    }

    func totals(_ store: Store, _ org: Org) throws -> SalesTotals {
        try SalesMetrics(store: store, org: org).totals(
            from: SquareFake.date("2026-12-01T00:00:00Z")!, to: SquareFake.date("2026-12-04T00:00:00Z")!)
    }

    @Test("the first sync reads every completed order (tax and tips left out), the catalogue and the counts")
    func firstSync() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try shop()
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: FixedClock(Self.start))
        let reports = await scheduler.runDue()
        let report = try #require(reports["square"] ?? nil)
        #expect(report.orders == 3 && report.linesInserted == 4)
        // (2 × £4.00 − £0.80) + £2.60 + 3 × £2.10 + 2 × £2.60; the cancelled and the open order left out.
        let totals = try totals(store, org)
        #expect(totals.revenue == 2130 && totals.units == 8 && totals.orders == 3)
        let products = try store.products(orgID: org.id)
        let latte = try #require(products.first { $0.sku == "LAT-L" })
        #expect(latte.name == "Latte (Large)" && latte.category == "Coffee" && latte.unitPrice == 400)
        let oat = try #require(products.first { $0.sku == "OAT-1" })
        #expect(try store.stockQuantity(productID: oat.id) == 5)
        // Three pages of orders (two a page), two of counts; every request with the token and a version.
        let searches = fake.requests.withLock { $0.filter { $0.path == "/v2/orders/search" } }
        #expect(searches.count == 2)
        #expect(searches.last?.body?["cursor"]?.string == "2")
        let state = try #require(try store.syncSource(orgID: org.id, source: "square"))
        #expect(state.failures == 0 && state.lastRows == report.changedRows && !state.cursor.isEmpty)
    }

    @Test("the next sync takes a new order, an edited order and a refund exactly once; a third finds nothing")
    func incrementalSync() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        Self.change(fake)
        clock.now = Self.start.addingTimeInterval(300)
        let second = try #require(await scheduler.runDue()["square"] ?? nil)
        #expect(second.linesInserted == 2 && second.linesUpdated == 1 && second.linesRemoved == 1)
        // O1 £7.20, O2 2 × £2.10, O3 £5.20, O6 £4.00, the refund −£2.60.
        var totals = try totals(store, org)
        #expect(totals.revenue == 720 + 420 + 520 + 400 - 260 && totals.units == 2 + 2 + 2 + 1 - 1)
        // The second search asked from the cursor (the newest order read, cancelled O4), less the overlap.
        let asked = fake.requests.withLock { $0.last { $0.path == "/v2/orders/search" } }
        let startAt = asked?.body?["query"]?["filter"]?["date_time_filter"]?["updated_at"]?["start_at"]?.string
        #expect(startAt.flatMap(SquareFake.date) == SquareFake.date("2026-12-02T10:58:00Z"))

        clock.now = Self.start.addingTimeInterval(600)
        let third = try #require(await scheduler.runDue()["square"] ?? nil)
        #expect(third.changedRows == 0 && third.summary == "nothing new")
        totals = try self.totals(store, org)
        #expect(totals.revenue == 1800)
    }

    @Test("a rate limit is waited out, then the sync goes on")
    func rateLimitWaitedOut() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        fake.rateLimited.withLock { $0 = 2 }
        let (store, org, service) = try shop()
        let sleeps = Sleeps()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, sleeps: sleeps)], clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["square"] ?? nil)
        #expect(report.orders == 3)
        let waits = sleeps.seconds.withLock { $0 }
        #expect(waits.count == 2 && waits[1] > waits[0] * 1.1)
        #expect(try totals(store, org).revenue == 2130)
    }

    @Test("a revoked token is told to the owner once, not at every run; the next success says it works again")
    func revokedTokenToldOnce() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        fake.revoked.withLock { $0 = true }
        for step in 1...3 {
            clock.now = Self.start.addingTimeInterval(TimeInterval(step) * 300)
            let failed = await scheduler.runDue()
            #expect(failed.keys.contains("square") && failed["square"]! == nil)
        }
        let notices = try store.dueDeliveries(now: clock.now).filter { $0.kind == .notice && $0.target == "42" }
        #expect(notices.count == 1)
        #expect(notices.first?.body?.contains("Square says the access token was revoked") == true)
        #expect(notices.first?.body?.contains(SquareFake.token) == false)
        let state = try #require(try store.syncSource(orgID: org.id, source: "square"))
        #expect(state.failures == 3 && state.lastError?.contains("revoked") == true)

        fake.revoked.withLock { $0 = false }
        clock.now = Self.start.addingTimeInterval(1500)
        let recovered = await scheduler.runDue()["square"] ?? nil
        #expect(recovered != nil)
        let after = try store.dueDeliveries(now: clock.now).filter { $0.kind == .notice && $0.target == "42" }
        #expect(after.count == 2 && after.last?.body == "Square sync works again.")
    }

    @Test("a stock count synced at zero opens an alert that reaches the group within one sync interval")
    func alertWithinOneInterval() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try shop()
        try await service.registerSync(source: "square", interval: 300)
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        #expect(try store.unresolvedAlerts(orgID: org.id).filter { $0.kind == .outOfStock }.isEmpty)

        fake.counts.withLock {
            $0.append(.init(variation: "V-CRO", quantity: "0", calculatedAt: "2026-12-03T12:01:00Z"))
        }
        clock.now = Self.start.addingTimeInterval(120)
        #expect(await scheduler.runDue().isEmpty)  // not due yet
        clock.now = Self.start.addingTimeInterval(300)
        await scheduler.runDue()
        let alert = try #require(try store.unresolvedAlerts(orgID: org.id).first { $0.kind == .outOfStock })
        let croissant = try #require(try store.products(orgID: org.id).first { $0.sku == "CRO-1" })
        #expect(alert.productID == croissant.id)
        let toGroup = try store.dueDeliveries(now: clock.now).filter { $0.target == "-100" && $0.kind == .alert }
        #expect(toGroup.count == 1 && toGroup.first?.alertIDs == [alert.id])
    }

    @Test("a shop that uploaded Square exports before: the first sync starts after the newest sale they hold")
    func firstSyncAfterUploadedFiles() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try shop()
        let csv =
            "Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Gross Sales,Discounts,Net Sales,Tax,"
            + "Transaction ID,Event Type,Location\n"
            + "2026-12-01,08:00:00,London,Coffee,Latte,2.0,Large,LAT-L,$8.00,-$0.80,$7.20,$0.58,O1,Payment,High Street\n"
            + "2026-12-01,08:00:00,London,Bakery,Croissant,1.0,Regular,CRO-1,$2.60,$0.00,$2.60,$0.21,O1,Payment,High Street\n"
        let imported = try Importer(store: store, org: org).importBytes(
            Array(csv.utf8), fileName: "items.csv", options: .init(kind: .sales, now: Self.start))
        #expect(imported.imported == 2)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["square"] ?? nil)
        // O1 came with the file; O2 and O3 are new.
        #expect(report.orders == 2)
        let asked = fake.requests.withLock { $0.first { $0.path == "/v2/orders/search" } }
        let startAt = asked?.body?["query"]?["filter"]?["date_time_filter"]?["updated_at"]?["start_at"]?.string
        #expect(startAt.flatMap(SquareFake.date) == SquareFake.date("2026-12-01T08:00:00Z"))
        #expect(try totals(store, org).revenue == 2130)
    }

    @Test("the figures after a sync equal those of the same sales imported from Square's item sales export")
    func sameFiguresAsTheCSV() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (synced, syncedOrg, service) = try shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        Self.change(fake)
        clock.now = Self.start.addingTimeInterval(300)
        await scheduler.runDue()

        let (imported, importedOrg, _) = try shop("csv.sqlite")
        let header =
            "Date,Time,Time Zone,Category,Item,Qty,Price Point Name,SKU,Modifiers Applied,Gross Sales,Discounts,"
            + "Net Sales,Tax,Transaction ID,Payment ID,Device Name,Notes,Details,Event Type,Location"
        let rows = [
            "2026-12-01,08:00:00,London,Coffee,Latte,2.0,Large,LAT-L,,$8.00,-$0.80,$7.20,$0.58,O1,P1,,,,Payment,High Street",
            "2026-12-01,09:30:00,London,Dairy,Oat Milk 1L,2.0,Regular,OAT-1,,$4.20,$0.00,$4.20,$0.00,O2,P2,,,,Payment,High Street",
            "2026-12-02,10:00:00,London,Bakery,Croissant,2.0,Regular,CRO-1,,$5.20,$0.00,$5.20,$0.00,O3,P3,,,,Payment,High Street",
            "2026-12-03,09:00:00,London,Coffee,Latte,1.0,Large,LAT-L,,$4.00,$0.00,$4.00,$0.00,O6,P6,,,,Payment,High Street",
            "2026-12-03,09:10:00,London,Bakery,Croissant,-1.0,Regular,CRO-1,,-$2.60,$0.00,-$2.60,$0.00,R1,P7,,,,Refund,High Street",
        ]
        let csv = ([header] + rows).joined(separator: "\n") + "\n"
        let report = try Importer(store: imported, org: importedOrg).importBytes(
            Array(csv.utf8), fileName: "items.csv", options: .init(kind: .sales, now: clock.now))
        #expect(report.imported == 5)

        let days = ["2026-12-01", "2026-12-02", "2026-12-03"]
        for day in days {
            let start = SquareFake.date(day + "T00:00:00Z")!
            let a = try SalesMetrics(store: synced, org: syncedOrg).totals(from: start, to: start + 86_400)
            let b = try SalesMetrics(store: imported, org: importedOrg).totals(from: start, to: start + 86_400)
            #expect(a.revenue == b.revenue && a.units == b.units && a.orders == b.orders, "\(day)")
        }
        let a = try totals(synced, syncedOrg)
        let b = try totals(imported, importedOrg)
        #expect(a == b && a.revenue == 1800)
        let locations = try SalesMetrics(store: synced, org: syncedOrg).locations()
        #expect(locations == (try SalesMetrics(store: imported, org: importedOrg).locations()))
        func units(_ store: Store, _ org: Org) throws -> [String: Int] {
            let range = DayRange(
                start: SquareFake.date("2026-12-01T00:00:00Z")!, end: SquareFake.date("2026-12-04T00:00:00Z")!,
                calendar: org.calendar)
            let ranked = try ProductMetrics(store: store, org: org).ranked(
                in: range, by: .units, bottom: false, category: nil, limit: 10)
            return Dictionary(
                uniqueKeysWithValues: ranked.rows.map { ("\($0.product.sku) \($0.product.name)", $0.units) })
        }
        #expect(try units(synced, syncedOrg) == units(imported, importedOrg))
    }
}
