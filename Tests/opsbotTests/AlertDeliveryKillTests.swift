import Foundation
import OpsNetwork
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsCore

/// `opsbot check-alerts` killed with SIGKILL in the middle of its deliveries, then run again: every chat gets
/// its alert message, and none gets it more than twice (the one in flight when the process died).
@Suite(.timeLimit(.minutes(2))) struct AlertDeliveryKillTests {
    /// Kills `process` while message `number` is in flight: from the fake's thread, after the message is recorded and
    /// before it is answered, so the kill lands mid-way however busy the test's threads are.
    func kill(_ process: Process, atMessage number: Int, on fake: BotAPIFake) {
        let pid = process.processIdentifier
        let done = Atomic<Bool>(false)
        fake.whenSending { count, _ in
            guard count >= number, !done.exchange(true, ordering: .relaxed) else { return }
            Foundation.kill(pid, SIGKILL)
        }
    }

    func sentChats(_ fake: BotAPIFake) -> [Int64] { fake.calls("sendMessage").map { $0["chat_id"]?.int64 ?? 0 } }

    func checkAlerts(_ fake: BotAPIFake, database: String) throws -> Process {
        try CLITests.launch(
            ["check-alerts", "--db", database, "--now", "2026-11-25T14:30:00Z"],
            environment: [
                "TELEGRAM_BOT_TOKEN": "42:SECRET", "TELEGRAM_API_URL": "http://127.0.0.1:\(fake.server.port)",
            ])
    }

    @Test func killedDuringDeliveryThenRestartedLosesNothingAndRepeatsAtMostOne() throws {
        let directory = TemporaryDirectory()
        let database = directory.file("shop.sqlite")
        let chats = (1...20).map { -1000 - Int64($0) }
        do {
            let shop = try SmallShop(path: database)
            for chat in chats {
                try shop.store.recordChat(
                    orgID: shop.org.id, transport: "telegram", chatKey: String(chat), kind: "group", title: nil)
                try shop.store.setChatReceivesAlerts(true, transport: "telegram", chatKey: String(chat))
            }
        }
        // Messages taken slowly: four take 0.2 s at least, so the process is known to the fake long before its fifth.
        let fake = try BotAPIFake()
        fake.setSendDelay(0.05)
        let first = try checkAlerts(fake, database: database)
        kill(first, atMessage: 5, on: fake)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal, "killed mid-way, not finished")
        let beforeRestart = sentChats(fake).count
        #expect(beforeRestart == 5, "the kill lands while the fifth message is in flight")

        let second = try checkAlerts(fake, database: database)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        let sent = sentChats(fake)
        for chat in chats {
            let copies = sent.filter { $0 == chat }.count
            #expect(copies >= 1 && copies <= 2, "chat \(chat) got \(copies) copies")
        }
        #expect(sent.count <= chats.count + 1, "at most the one message in flight is repeated")
        let store = try Store(path: database)
        #expect(try store.unresolvedAlerts(orgID: 1).count == 3, "the second run opened no duplicate alerts")
        #expect(try store.dueDeliveries(now: .distantFuture).isEmpty)
        #expect(try store.database.queryInt("SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == chats.count)
    }
}

@Suite struct CheckAlertsCommandTests {
    @Test func reportsWhatItDidAndLeavesChatItemsForTheBot() throws {
        let cli = CLITests()
        let database = cli.directory.file("shop.sqlite")
        do {
            let shop = try SmallShop(path: database)
            try shop.store.recordChat(
                orgID: shop.org.id, transport: "telegram", chatKey: "-100", kind: "group", title: "Floor")
            try shop.store.setChatReceivesAlerts(true, transport: "telegram", chatKey: "-100")
        }
        let first = try cli.run(["check-alerts", "--db", database, "--now", "2026-11-25T14:30:00Z"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout == """
                Alerts: 3 opened, 0 reminded, 0 cleared; 3 open.
                Deliveries: 0 sent, 0 to retry, 0 failed, 1 waiting for a chat transport (opsbot run, or set its token).

                """)
        let again = try cli.run(["check-alerts", "--db", database, "--now", "2026-11-25T15:00:00Z"])
        #expect(again.stdout.hasPrefix("Alerts: 0 opened, 0 reminded, 0 cleared; 3 open."))
        let missing = try cli.run(["check-alerts", "--db", cli.directory.file("none.sqlite")])
        #expect(missing.status == 1)
    }
}
