import Foundation
import OpsCore
import OpsNetwork
import OpsNetworkTestSupport
import OpsTestSupport
import Testing

/// `opsbot run` as a user starts it, against a loopback Bot API; stopped with SIGTERM.
///
/// The limit guards against a run that never stops. Alone the test takes a quarter second; in the whole suite
/// on two cores it waits for the cooperative pool, which the long synchronous suites hold, for 30–75 s.
@Suite(.timeLimit(.minutes(3))) struct RunCommandTests {
    /// `opsbot run` with its health endpoint on `listen`, against `fake`; the log goes to `log.txt`.
    static func run(listening listen: String, fake: BotAPIFake, in directory: TemporaryDirectory) throws -> Process {
        try Data(#"{"http": {"listen": "\#(listen)"}}"#.utf8).write(
            to: URL(fileURLWithPath: directory.file("bot.json")))
        return try CLITests.launch(
            ["run", "--config", directory.file("bot.json")],
            environment: [
                "TELEGRAM_BOT_TOKEN": "42:SECRET", "TELEGRAM_API_URL": fake.baseURL,
                "OPSBOT_DB": directory.file("bot.sqlite"),
            ],
            stderr: directory.file("log.txt"))
    }

    @Test func runsAgainstTheFakeAnswersAndStopsCleanlyOnSIGTERM() async throws {
        let fake = try BotAPIFake()
        fake.post(id: 41, text: "help")
        let directory = TemporaryDirectory()
        let process = try Self.run(listening: "127.0.0.1:0", fake: fake, in: directory)
        for _ in 0..<500 where fake.sentTexts.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        // Nobody owns the shop yet: Eve is told about the setup code, in her private chat.
        #expect(fake.sentTexts.first?.contains("has no owner yet") == true)
        for _ in 0..<100 {
            let store = try Store(path: directory.file("bot.sqlite"))
            if try store.transportState(transport: "telegram", key: "offset") == "42" { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = try String(contentsOfFile: directory.file("log.txt"), encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("event=run.signal signal=15"))
        // Nobody owns the new shop in chat: the first owner's setup code is printed, and it works once.
        let setup = try #require(log.split(separator: "\n").first { $0.contains("event=run.setup") })
        let code = try #require(setup.split(separator: " ").first { $0.hasPrefix("code=") }?.dropFirst(5))
        #expect(code.count == 10)
        let store = try Store(path: directory.file("bot.sqlite"))
        let org = try #require(try store.firstOrg())
        let owner = try Invites(store: store, org: org).redeem(
            String(code), transport: "telegram", userKey: "5", name: "Eve", handle: nil, now: Date())
        #expect(owner.role == .owner)
        #expect(log.contains("event=telegram.update update.id=41"))
        #expect(log.contains("event=telegram.sent chat.id=5"))
        #expect(log.contains("event=run.stop"))
        #expect(!log.contains("SECRET"))
        #expect(
            try Store(path: directory.file("bot.sqlite")).transportState(transport: "telegram", key: "offset") == "42")
    }

    /// Issue 20, point 9: with the health endpoint's port taken, the bot still runs and answers, and the log says
    /// which setting moves the endpoint.
    @Test func withItsPortTakenTheBotRunsWithoutTheHealthEndpoint() async throws {
        let taken = try HTTPServer(host: "127.0.0.1", port: 0) { _ in .text("someone else") }
        defer { taken.stop() }
        let fake = try BotAPIFake()
        fake.post(id: 41, text: "help")
        let directory = TemporaryDirectory()
        let process = try Self.run(listening: "127.0.0.1:\(taken.port)", fake: fake, in: directory)
        for _ in 0..<500 where fake.sentTexts.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(fake.sentTexts.count == 1, "it answers all the same")
        // Blocking sleeps until the run has started, so the signal does not come before its handler.
        for _ in 0..<250 {
            let log = (try? String(contentsOfFile: directory.file("log.txt"), encoding: .utf8)) ?? ""
            if log.contains("event=telegram.start") { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let log = try String(contentsOfFile: directory.file("log.txt"), encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("event=run.health_off http.listen=127.0.0.1:\(taken.port)"), "\(log)")
        #expect(log.contains("set http.listen in the config file to another port"))
        #expect(log.contains("http.listen=off"))
    }

    @Test func withoutATokenItSaysHowToAddOne() throws {
        let cli = CLITests()
        let result = try cli.run(["run", "--db", "x.sqlite"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("@BotFather"))
    }
}
