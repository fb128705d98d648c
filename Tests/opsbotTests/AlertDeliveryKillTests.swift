import Foundation
import OpsNetwork
import OpsTestSupport
import Synchronization
import Testing

@testable import OpsCore

/// `opsbot check-alerts` killed with SIGKILL in the middle of its deliveries, then run again: every chat gets
/// its alert message, and none gets it more than twice (the one in flight when the process died).
@Suite(.timeLimit(.minutes(2))) struct AlertDeliveryKillTests {
    /// Takes the messages slowly, and kills the process given to `kill(_:atMessage:)` while that message is in
    /// flight: from the server's thread, so the kill lands mid-way however busy the test's threads are.
    final class SlowBotAPI: Sendable {
        final class Box: Sendable {
            let sent = Mutex<[Int64]>([])
            let victim = Mutex<(pid: pid_t, atMessage: Int)?>(nil)
        }
        let box = Box()
        let server: HTTPServer

        init(delay: TimeInterval) throws {
            let box = self.box
            server = try HTTPServer { request in
                let method = request.path.split(separator: "/").last.map(String.init) ?? ""
                guard method == "sendMessage" else { return .json(#"{"ok":true,"result":true}"#) }
                let chat = (try? JSONValue(parsing: request.body))?["chat_id"]?.int64 ?? 0
                Thread.sleep(forTimeInterval: delay)
                let count = box.sent.withLock { list in
                    list.append(chat)
                    return list.count
                }
                box.victim.withLock { victim in
                    guard let target = victim, count >= target.atMessage else { return }
                    Foundation.kill(target.pid, SIGKILL)
                    victim = nil
                }
                return .json(
                    #"{"ok":true,"result":{"message_id":\#(count),"date":1,"chat":{"id":\#(chat),"type":"group"}}}"#)
            }
        }

        func kill(_ process: Process, atMessage number: Int) {
            box.victim.withLock { $0 = (process.processIdentifier, number) }
        }

        var sent: [Int64] { box.sent.withLock { $0 } }
        deinit { server.stop() }
    }

    func checkAlerts(_ fake: SlowBotAPI, database: String) throws -> Process {
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
        let fake = try SlowBotAPI(delay: 0.05)
        let first = try checkAlerts(fake, database: database)
        // Four messages take 0.2 s at least: the process is known to the fake long before its fifth.
        fake.kill(first, atMessage: 5)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal, "killed mid-way, not finished")
        let beforeRestart = fake.sent.count
        #expect(beforeRestart == 5, "the kill lands while the fifth message is in flight")

        let second = try checkAlerts(fake, database: database)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        let sent = fake.sent
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
