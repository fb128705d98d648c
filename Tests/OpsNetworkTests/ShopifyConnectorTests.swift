import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// Shopify, read through `ShopifyFake` (a loopback Admin GraphQL API answering as Shopify documents it).
@Suite(.timeLimit(.minutes(2))) struct ShopifyConnectorTests {
    let directory = TemporaryDirectory()
    let squareTests = SquareConnectorTests()
    static let start = SquareFake.date("2026-12-03T12:00:00Z")!

    func connector(_ fake: ShopifyFake, sleeps: SquareConnectorTests.Sleeps? = nil) -> ShopifyConnector {
        ShopifyConnector(
            options: .init(baseURL: fake.baseURL, token: ShopifyFake.token),
            http: ConnectorHTTP(
                client: CurlHTTPClient(), sleep: { seconds in sleeps?.seconds.withLock { $0.append(seconds) } }))
    }

    static func order(_ number: Int) -> String { "gid://shopify/Order/\(number)" }

    static func fake() throws -> ShopifyFake {
        let fake = try ShopifyFake()
        fake.items.withLock {
            $0 = [
                .init(
                    sku: "TEE-RM", product: "Tee", variant: "Red / M", productType: "Apparel", price: "15.00",
                    available: 8, updatedAt: "2026-12-02T12:00:00Z"),
                .init(
                    sku: "MUG-1", product: "Mug", productType: "Homeware", price: "9.50", available: 3,
                    updatedAt: "2026-12-02T12:00:00Z"),
                .init(
                    sku: "CAN", product: "Candle", productType: "Homeware", price: "12.00", available: 5,
                    updatedAt: "2026-12-02T12:00:00Z"),
            ]
        }
        fake.orders.withLock {
            $0 = [
                .init(
                    id: order(1), createdAt: "2026-12-01T10:00:00Z",
                    lines: [
                        .init(
                            "gid://shopify/LineItem/11", title: "Tee", variant: "Red / M", sku: "TEE-RM", quantity: 2,
                            price: "15.00", discount: "3.00"),
                        .init("gid://shopify/LineItem/12", title: "Mug", sku: "MUG-1", quantity: 1, price: "9.50"),
                    ]),
                .init(
                    id: order(2), createdAt: "2026-12-02T11:00:00Z",
                    lines: [
                        .init("gid://shopify/LineItem/21", title: "Candle", sku: "CAN", quantity: 1, price: "12.00")
                    ]),
                .init(
                    id: order(3), createdAt: "2026-12-02T12:00:00Z",
                    lines: [.init("gid://shopify/LineItem/31", title: "Mug", sku: "MUG-1", quantity: 2, price: "9.50")]),
            ]
        }
        return fake
    }

    /// A new order, an order edited (two candles now) and one mug of order 3 refunded.
    static func change(_ fake: ShopifyFake) {
        fake.orders.withLock { orders in
            orders.append(
                .init(
                    id: order(4), createdAt: "2026-12-03T09:00:00Z",
                    lines: [
                        .init(
                            "gid://shopify/LineItem/41", title: "Tee", variant: "Red / M", sku: "TEE-RM", quantity: 1,
                            price: "15.00")
                    ]))
            orders[1].lines[0].quantity = 2
            orders[1].updatedAt = "2026-12-03T09:05:00Z"
            orders[2].refunds = [
                .init(
                    id: "gid://shopify/Refund/9", createdAt: "2026-12-03T09:10:00Z",
                    lineID: "gid://shopify/LineItem/31",
                    quantity: 1, subtotal: "9.50")
            ]
            orders[2].updatedAt = "2026-12-03T09:10:00Z"
        }
    }

    @Test("the first sync reads the orders net of discounts, the products and the stock per location")
    func firstSync() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try squareTests.shop()
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["shopify"] ?? nil)
        #expect(report.orders == 3 && report.linesInserted == 4 && report.stockChanged == 3)
        // (2 × £15.00 − £3.00) + £9.50 + £12.00 + 2 × £9.50.
        let totals = try squareTests.totals(store, org)
        #expect(totals.revenue == 6750 && totals.units == 6 && totals.orders == 3)
        let tee = try #require(try store.products(orgID: org.id).first { $0.sku == "TEE-RM" })
        #expect(tee.name == "Tee (Red / M)" && tee.category == "Apparel" && tee.unitPrice == 1500)
        #expect(try store.stockQuantity(productID: tee.id) == 8)
        let queries = fake.queries.withLock { $0 }
        #expect(queries.count == 4)  // two pages of orders, two of inventory
        #expect(queries[0]["variables"]?["query"] == nil)
    }

    @Test("the next sync takes a new order, an edited order and a refund exactly once; a third finds nothing")
    func incrementalSync() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try squareTests.shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        Self.change(fake)
        clock.now = Self.start.addingTimeInterval(300)
        let second = try #require(await scheduler.runDue()["shopify"] ?? nil)
        #expect(second.linesInserted == 2 && second.linesUpdated == 1 && second.linesRemoved == 0)
        let asked = fake.queries.withLock { $0.last { $0["query"]?.string?.contains("orders(") == true } }
        #expect(asked?["variables"]?["query"]?.string == "updated_at:>='2026-12-02T11:58:00.000Z'")
        // £27.00 + £9.50, 2 × £12.00, 2 × £9.50, £15.00, the refund −£9.50.
        var totals = try squareTests.totals(store, org)
        #expect(totals.revenue == 2700 + 950 + 2400 + 1900 + 1500 - 950 && totals.units == 3 + 2 + 2 + 1 - 1)

        clock.now = Self.start.addingTimeInterval(600)
        let third = try #require(await scheduler.runDue()["shopify"] ?? nil)
        #expect(third.changedRows == 0)
        totals = try squareTests.totals(store, org)
        #expect(totals.revenue == 8500)
    }

    @Test("a THROTTLED answer is waited out by the cost bucket, then the sync goes on")
    func throttledWaitedOut() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        fake.throttled.withLock { $0 = 1 }
        let (store, org, service) = try squareTests.shop()
        let sleeps = SquareConnectorTests.Sleeps()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, sleeps: sleeps)], clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["shopify"] ?? nil)
        #expect(report.orders == 3)
        // The bucket had 10 of the 52 points asked for, restoring 100 a second: at least a second's wait.
        #expect(sleeps.seconds.withLock { $0 } == [1])
        #expect(try squareTests.totals(store, org).revenue == 6750)
    }

    @Test("the figures after a sync equal those of the same orders imported from Shopify's orders export")
    func sameFiguresAsTheCSV() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (synced, syncedOrg, service) = try squareTests.shop()
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: FixedClock(Self.start))
        await scheduler.runDue()

        let (imported, importedOrg, _) = try squareTests.shop("csv.sqlite")
        let csv = """
            Name,Financial Status,Currency,Subtotal,Shipping,Taxes,Total,Created at,Lineitem quantity,Lineitem name,\
            Lineitem price,Lineitem sku,Lineitem discount,Cancelled at,Source
            #1,paid,GBP,36.50,4.00,6.08,46.58,2026-12-01 10:00:00 +0000,2,Tee - Red / M,15.00,TEE-RM,3.00,,web
            #1,paid,GBP,,,,,2026-12-01 10:00:00 +0000,1,Mug,9.50,MUG-1,0.00,,web
            #2,paid,GBP,12.00,0.00,2.00,14.00,2026-12-02 11:00:00 +0000,1,Candle,12.00,CAN,0.00,,web
            #3,paid,GBP,19.00,0.00,3.17,22.17,2026-12-02 12:00:00 +0000,2,Mug,9.50,MUG-1,0.00,,web

            """
        let report = try Importer(store: imported, org: importedOrg).importBytes(
            Array(csv.utf8), fileName: "orders_export.csv", options: .init(kind: .sales, now: Self.start))
        #expect(report.imported == 4 && report.layout == "Shopify orders export")
        for day in ["2026-12-01", "2026-12-02"] {
            let start = SquareFake.date(day + "T00:00:00Z")!
            let a = try SalesMetrics(store: synced, org: syncedOrg).totals(from: start, to: start + 86_400)
            let b = try SalesMetrics(store: imported, org: importedOrg).totals(from: start, to: start + 86_400)
            #expect(a.revenue == b.revenue && a.units == b.units && a.orders == b.orders, "\(day)")
        }
        #expect(try squareTests.totals(synced, syncedOrg) == squareTests.totals(imported, importedOrg))
        func units(_ store: Store, _ org: Org) throws -> [String: Int] {
            let range = DayRange(
                start: SquareFake.date("2026-12-01T00:00:00Z")!, end: SquareFake.date("2026-12-04T00:00:00Z")!,
                calendar: org.calendar)
            let ranked = try ProductMetrics(store: store, org: org).ranked(
                in: range, by: .units, bottom: false, category: nil, limit: 10)
            return Dictionary(uniqueKeysWithValues: ranked.rows.map { ($0.product.sku, $0.units) })
        }
        #expect(try units(synced, syncedOrg) == units(imported, importedOrg))
    }

    @Test("a revoked token is told to the owner once")
    func revokedTokenToldOnce() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, _, service) = try squareTests.shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(service: service, connectors: [connector(fake)], clock: clock)
        await scheduler.runDue()
        fake.revoked.withLock { $0 = true }
        for step in 1...3 {
            clock.now = Self.start.addingTimeInterval(TimeInterval(step) * 300)
            await scheduler.runDue()
        }
        let notices = try store.dueDeliveries(now: clock.now).filter { $0.kind == .notice && $0.target == "42" }
        #expect(notices.count == 1)
        #expect(
            notices.first?.body?.hasPrefix("Shopify sync is failing: Shopify refused the Admin API access token")
                == true)
        #expect(notices.first?.body?.contains(ShopifyFake.token) == false)
    }
}
