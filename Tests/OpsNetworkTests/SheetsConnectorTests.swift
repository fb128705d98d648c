import Foundation
import OpsChat
import OpsCore
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsNetwork

/// A Google Sheet of stock counts, read through `SheetsFake` with a service account whose JWT the fake checks.
@Suite(.timeLimit(.minutes(2))) struct SheetsConnectorTests {
    let squareTests = SquareConnectorTests()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sheets")
    static let start = SquareFake.date("2026-12-03T12:00:00Z")!

    static func fake() throws -> SheetsFake {
        let publicKey = try String(
            contentsOf: fixtures.appendingPathComponent("service-account.pub.pem"), encoding: .utf8)
        let fake = try SheetsFake { input, signature in
            RS256Signer.verify(Array(input.utf8), signature: signature, publicKeyPEM: publicKey)
        }
        fake.values.withLock {
            $0 = [
                ["SKU", "Product", "Quantity", "Notes"],
                ["OAT-1", "Oat Milk 1L", "12"],
                ["CRO", "Croissant", "30", "fresh daily"],
                [],
                ["EGG6", "Free Range Eggs 6", "5"],
            ]
        }
        return fake
    }

    /// The fixture key file with its `token_uri` pointing at the fake.
    func keyFile(_ fake: SheetsFake) throws -> String {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("service-account.json"), encoding: .utf8)
        let path = squareTests.directory.file("key.json")
        try text.replacingOccurrences(of: "TOKEN_URI", with: fake.tokenURL).write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func connector(_ fake: SheetsFake, credentials: SheetsConnector.Credentials) -> SheetsConnector {
        SheetsConnector(
            options: .init(
                baseURL: fake.baseURL, spreadsheet: "1AbCdEfGhIjKlMnOp", range: fake.range, kind: .inventory,
                credentials: credentials),
            http: ConnectorHTTP(client: CurlHTTPClient(), sleep: { _ in }))
    }

    func stock(_ store: Store, _ org: Org, _ sku: String) throws -> Int? {
        let product = try store.products(orgID: org.id).first { $0.sku == sku }
        return try product.flatMap { try store.stockQuantity(productID: $0.id) }
    }

    @Test("a service account's signed JWT gets a token; the rows are read as a stock-count CSV would be")
    func firstSync() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try squareTests.shop()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .serviceAccount(keyFile: try keyFile(fake)))],
            clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["sheet"] ?? nil)
        #expect(report.tableRows == 3)
        #expect(try stock(store, org, "OAT-1") == 12)
        #expect(try stock(store, org, "CRO") == 30)
        #expect(try stock(store, org, "EGG6") == 5)
        let assertion = try #require(fake.tokenRequests.withLock { $0["assertion"] })
        let claims = try JSONValue(
            parsing: try #require(SheetsFake.base64URLDecoded(assertion.split(separator: ".")[1])))
        #expect(claims["iss"]?.string == "opsbot-reader@opsbot-tests.iam.gserviceaccount.com")
        #expect(claims["scope"]?.string == "https://www.googleapis.com/auth/spreadsheets.readonly")
        #expect(claims["aud"]?.string == fake.tokenURL)
        #expect(claims["exp"]?.int == (claims["iat"]?.int ?? 0) + 3600)
        let read = try #require(fake.reads.withLock { $0.first })
        #expect(read.path == "/v4/spreadsheets/1AbCdEfGhIjKlMnOp/values/Stock!A1:F500")
    }

    @Test("only changed rows are imported again; a deleted row is said, not applied; the token is reused")
    func changedRowsOnly() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try squareTests.shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .serviceAccount(keyFile: try keyFile(fake)))],
            clock: clock)
        await scheduler.runDue()
        fake.values.withLock { rows in
            rows[2][2] = "0"
            rows.removeLast()
        }
        clock.now = Self.start.addingTimeInterval(900)
        let second = try #require(await scheduler.runDue()["sheet"] ?? nil)
        #expect(second.tableRows == 1)
        #expect(second.notes.contains { $0.hasPrefix("1 row was deleted from the sheet: nothing was removed here") })
        #expect(try stock(store, org, "CRO") == 0)
        #expect(try stock(store, org, "EGG6") == 5)
        #expect(try stock(store, org, "OAT-1") == 12)
        let croissant = try #require(try store.products(orgID: org.id).first { $0.sku == "CRO" })
        #expect(
            try store.unresolvedAlerts(orgID: org.id).contains {
                $0.kind == .outOfStock && $0.productID == croissant.id
            })

        clock.now = Self.start.addingTimeInterval(1800)
        let third = try #require(await scheduler.runDue()["sheet"] ?? nil)
        #expect(third.tableRows == 0 && third.changedRows == 0)
        #expect(fake.tokenCount.withLock { $0 } == 1)
    }

    @Test("a bad cell stops the run, named by its row and column in the sheet, told to the owner once")
    func badRowNamedBySheetRow() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let (store, org, service) = try squareTests.shop()
        let clock = MutableClock(Self.start)
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .apiKey(SheetsFake.apiKey))], clock: clock)
        fake.values.withLock { $0[4][2] = "lots" }
        for step in 0..<2 {
            clock.now = Self.start.addingTimeInterval(TimeInterval(step) * 900)
            let result = await scheduler.runDue()
            #expect(result.keys.contains("sheet") && result["sheet"]! == nil)
        }
        // Nothing of the run was kept, not even the good rows.
        #expect(try stock(store, org, "OAT-1") == nil)
        let notices = try store.dueDeliveries(now: clock.now).filter { $0.kind == .notice && $0.target == "42" }
        #expect(notices.count == 1)
        let body = try #require(notices.first?.body)
        #expect(body.contains("The sheet's row 5, column “Quantity”: “lots” is not a number"))

        fake.values.withLock { $0[4][2] = "6" }
        clock.now = Self.start.addingTimeInterval(1800)
        let fixed = try #require(await scheduler.runDue()["sheet"] ?? nil)
        #expect(fixed.tableRows == 3)
        #expect(try stock(store, org, "EGG6") == 6)
    }

    @Test("Google's rate limit is waited out, then the sheet is read")
    func rateLimitWaitedOut() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        fake.rateLimited.withLock { $0 = 1 }
        let (store, org, service) = try squareTests.shop()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .apiKey(SheetsFake.apiKey))],
            clock: FixedClock(Self.start))
        let report = try #require(await scheduler.runDue()["sheet"] ?? nil)
        #expect(report.tableRows == 3 && fake.reads.withLock { $0.count } == 2)
        #expect(try stock(store, org, "CRO") == 30)
    }

    @Test("an API key in the URL never reaches a network error's message")
    func apiKeyNotInNetworkErrors() async throws {
        let closed = try HTTPServer { _ in .text("") }
        let port = closed.port
        closed.stop()
        let connector = SheetsConnector(
            options: .init(
                baseURL: "http://127.0.0.1:\(port)", spreadsheet: "abc", range: "A1:C9", kind: .inventory,
                credentials: .apiKey(SheetsFake.apiKey)),
            http: ConnectorHTTP(client: CurlHTTPClient(), attempts: 2, sleep: { _ in }))
        await #expect {
            _ = try await connector.read(since: "", now: Self.start)
        } throws: { error in
            let text = "\(error)"
            return (error as? ConnectorError)?.kind == .network && text.contains("could not be reached")
                && !text.contains(SheetsFake.apiKey)
        }
    }

    @Test("a sheet no longer shared is told to the owner with what to do")
    func notShared() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        fake.forbidden.withLock { $0 = true }
        let (store, _, service) = try squareTests.shop()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .apiKey(SheetsFake.apiKey))],
            clock: FixedClock(Self.start))
        await scheduler.runDue()
        let notice = try #require(try store.dueDeliveries(now: Self.start).first { $0.kind == .notice })
        #expect(notice.body?.contains("Google refused to read the sheet (PERMISSION_DENIED): share it") == true)
        #expect(notice.body?.contains(SheetsFake.apiKey) == false)
    }

    @Test("a key file that is not a service account key says so, without its contents")
    func badKeyFile() async throws {
        let fake = try Self.fake()
        defer { fake.stop() }
        let path = squareTests.directory.file("bad.json")
        try #"{"private_key": "not a key", "client_email": "x@y"}"#.write(
            toFile: path, atomically: true, encoding: .utf8)
        let (store, _, service) = try squareTests.shop()
        let scheduler = SyncScheduler(
            service: service, connectors: [connector(fake, credentials: .serviceAccount(keyFile: path))],
            clock: FixedClock(Self.start))
        await scheduler.runDue()
        let notice = try #require(try store.dueDeliveries(now: Self.start).first { $0.kind == .notice })
        #expect(notice.body?.contains("The service account key cannot sign") == true)
        #expect(notice.body?.contains("not a key") == false)
    }
}
