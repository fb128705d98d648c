import Foundation
import OpsCore
import OpsNetwork
import OpsNetworkTestSupport
import OpsTestSupport
import Synchronization
import Testing

/// `opsbot run` stopped part way — by a signal while replies wait for a chat's rate limit, by SIGKILL while an
/// update is handled — and started again against the same loopback Bot API: no message lost, none answered
/// twice, and no message can keep the bot down.
@Suite(.timeLimit(.minutes(3))) struct RunRestartTests {
    let fake: BotAPIFake
    let directory = TemporaryDirectory()
    var database: String { directory.file("bot.sqlite") }

    init() throws { fake = try BotAPIFake() }

    /// `opsbot run` on the fake, its log written to `log-N.txt`.
    func start(_ run: Int) throws -> Process {
        try Data(#"{"http": {"listen": "127.0.0.1:0"}}"#.utf8).write(
            to: URL(fileURLWithPath: directory.file("bot.json")))
        let process = try CLITests.launch(
            ["run", "--config", directory.file("bot.json")],
            environment: ["TELEGRAM_BOT_TOKEN": "42:SECRET", "TELEGRAM_API_URL": fake.baseURL, "OPSBOT_DB": database],
            stderr: directory.file("log-\(run).txt"))
        reaper.track(process)
        return process
    }

    /// Kills what a test started and left running (a failed expectation part way), when the suite value goes.
    final class Reaper: @unchecked Sendable {
        // @unchecked: `processes` is only touched under `lock`.
        private let lock = NSLock()
        private var processes: [Process] = []

        func track(_ process: Process) { lock.withLock { processes.append(process) } }

        deinit {
            for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }

    private let reaper = Reaper()

    func log(_ run: Int) throws -> String {
        try String(contentsOfFile: directory.file("log-\(run).txt"), encoding: .utf8)
    }

    func offset() throws -> String? {
        guard FileManager.default.fileExists(atPath: database) else { return nil }
        return try Store(path: database).transportState(transport: "telegram", key: "offset")
    }

    /// Polls with a blocking sleep: on a loaded machine a `Task.sleep` can wait seconds for the cooperative pool,
    /// and the signal would come after the moment the test is about.
    func waitFor(_ what: String, seconds: Double = 60, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("timed out waiting for \(what)")
    }

    /// Returns once run `run` has started polling (its signal handlers are in place by then).
    func waitUntilPolling(_ run: Int) throws {
        try waitFor("run \(run) to start") { try log(run).contains("event=telegram.start") }
    }

    func stop(_ process: Process, signal: Int32 = SIGTERM) {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    @Test func aSignalWhileRepliesWaitForTheChatsRateLimitLosesNone() throws {
        for id in 41...45 { fake.post(id: Int64(id), text: "help \(id)") }
        let first = try start(1)
        // One message a second per chat: the signal comes while the later replies wait their turn.
        try waitFor("two answers") { fake.sentTexts.count >= 2 }
        stop(first)
        let firstLog = try log(1)
        #expect(first.terminationStatus == 0, "\(firstLog)")
        let answered = fake.sentTexts.count
        let stored = try #require(try offset().flatMap { Int($0) })
        // The offset covers exactly the updates answered: none confirmed unanswered, none answered unconfirmed.
        #expect(stored == 41 + answered, "offset \(stored) after \(answered) answers")
        #expect(answered < 5, "the signal came after every answer: nothing was tested")

        let second = try start(2)
        try waitUntilPolling(2)
        try waitFor("the offset past the last update") { try offset() == "46" }
        stop(second)
        #expect(second.terminationStatus == 0)
        #expect(fake.sentTexts.count == 5, "\(fake.sentTexts.count) answers to 5 messages")
    }

    /// Starts run `run` and SIGKILLs it while it is sending its `attempt`th reply (the fake holds every send).
    func killWhileReplying(run: Int, attempt: Int) throws {
        fake.hold(true)
        let process = try start(run)
        try waitFor("reply \(attempt) to be sent") { fake.attempts("sendMessage") >= attempt }
        stop(process, signal: SIGKILL)
    }

    @Test func anUpdateInFlightWhenTheProcessDiedTwiceIsAnsweredOnceAndSkipped() throws {
        fake.post(id: 41, text: "help")
        try killWhileReplying(run: 1, attempt: 1)
        try killWhileReplying(run: 2, attempt: 2)
        #expect(try offset() == nil)

        fake.hold(false)
        // The two held replies reach the fake's record once it lets go; only the third run's counts.
        try waitFor("the held sends to end") { fake.sentTexts.count >= 2 }
        let third = try start(3)
        try waitUntilPolling(3)
        try waitFor("the update to be confirmed") { try offset() == "42" }
        fake.post(id: 42, text: "help")
        try waitFor("the next update to be answered") { try offset() == "43" }
        stop(third)
        #expect(third.terminationStatus == 0)
        let answers = Array(fake.sentTexts.dropFirst(2))
        #expect(answers.first == TelegramTransport.abandonedReply)
        // The bot goes on: the next message gets its real answer.
        #expect(answers.count == 2 && answers[1].contains("has no owner yet"), "\(answers)")
        let log = try log(3)
        #expect(log.contains("event=telegram.update_abandoned update.id=41 attempts=2"), "\(log)")
        #expect(!log.contains("SECRET"))
    }

    @Test func anUpdateWithNumbersPastInt64IsSkippedAndTheNextAnswered() throws {
        // A chat id of 2^63 and a sender of 1e20: "Double value cannot be converted to Int64" ended the bot.
        fake.post(
            #"{"update_id":41,"message":{"message_id":1,"date":1,"chat":{"id":9223372036854775808,"type":"private"},"#
                + #""from":{"id":1e20,"is_bot":false,"first_name":"X"},"text":"help"}}"#)
        fake.post(id: 42, text: "help")
        let run = try start(1)
        try waitUntilPolling(1)
        try waitFor("both updates to be confirmed") { try offset() == "43" }
        stop(run)
        #expect(run.terminationStatus == 0)
        #expect(fake.sentTexts.count == 1 && fake.sentTexts[0].contains("has no owner yet"), "\(fake.sentTexts)")
    }

    @Test func aSingleKillStillGetsTheRealAnswerAfterTheRestart() throws {
        fake.post(id: 41, text: "help")
        try killWhileReplying(run: 1, attempt: 1)
        fake.hold(false)
        try waitFor("the held send to end") { fake.sentTexts.count >= 1 }
        let second = try start(2)
        try waitUntilPolling(2)
        try waitFor("the update to be confirmed") { try offset() == "42" }
        stop(second)
        let answers = Array(fake.sentTexts.dropFirst())
        #expect(answers.count == 1 && answers[0].contains("has no owner yet"), "\(answers)")
        let secondLog = try log(2)
        #expect(!secondLog.contains("update_abandoned"))
    }
}
