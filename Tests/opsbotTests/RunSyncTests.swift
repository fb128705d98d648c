import Foundation
import OpsCore
import OpsNetwork
import OpsNetworkTestSupport
import OpsTestSupport
import Testing

/// Issue 24: `opsbot run` with a Square section syncs the till on its own, and never logs the token.
@Suite(.timeLimit(.minutes(3))) struct RunSyncTests {
    @Test func runSyncsSquareFromTheConfigAndTheEnvironment() async throws {
        let telegram = try BotAPIFake()
        let square = try SquareFake()
        defer { square.stop() }
        square.variations.withLock {
            $0 = [.init(id: "V1", itemID: "I1", itemName: "Croissant", sku: "CRO-1", price: 260, category: "Bakery")]
        }
        square.orders.withLock {
            $0 = [
                .init(
                    id: "O1", createdAt: "2026-12-01T08:00:00Z",
                    lines: [.init("a", variation: "V1", name: "Croissant", quantity: "3", basePrice: 260)])
            ]
        }
        let directory = TemporaryDirectory()
        try Data(
            #"{"http": {"listen": "127.0.0.1:0"}, "square": {"api_url": "\#(square.baseURL)", "sync_minutes": 1}}"#.utf8
        ).write(to: URL(fileURLWithPath: directory.file("bot.json")))
        let process = try CLITests.launch(
            ["run", "--config", directory.file("bot.json")],
            environment: [
                "TELEGRAM_BOT_TOKEN": "42:SECRET", "TELEGRAM_API_URL": telegram.baseURL,
                "OPSBOT_DB": directory.file("bot.sqlite"), "SQUARE_ACCESS_TOKEN": SquareFake.token,
            ],
            stderr: directory.file("log.txt"))
        var synced: SyncSourceState?
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: directory.file("bot.sqlite")),
                let store = try? Store(path: directory.file("bot.sqlite")), let org = try? store.firstOrg(),
                let state = try? store.syncSource(orgID: org.id, source: "square"), state.lastSuccessAt != nil
            {
                synced = state
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = try String(contentsOfFile: directory.file("log.txt"), encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(synced?.interval == 60 && synced?.lastRows == 1, "\(log)")
        #expect(log.contains("event=run.sync sources=square") && log.contains("event=sync.done source=square"))
        #expect(!log.contains(SquareFake.token) && !log.contains("SECRET"))
        let store = try Store(path: directory.file("bot.sqlite"))
        let org = try #require(try store.firstOrg())
        let totals = try SalesMetrics(store: store, org: org).totals(
            from: SquareFake.date("2026-12-01T00:00:00Z")!, to: SquareFake.date("2026-12-02T00:00:00Z")!)
        #expect(totals.revenue == 780 && totals.units == 3)
    }
}
