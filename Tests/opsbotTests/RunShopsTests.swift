import Foundation
import OpsNetworkTestSupport
import OpsTestSupport
import Testing

@testable import OpsCore

/// `opsbot run` serving two shops from one database, each with its own bot on its own loopback Bot API.
@Suite(.timeLimit(.minutes(3))) struct RunShopsTests {
    @Test func twoShopsRunSideBySideEachWithItsOwnBotOffsetAndSetupCode() throws {
        let cafe = try BotAPIFake()
        let bakery = try BotAPIFake()
        cafe.post(id: 41, text: "help")
        bakery.post(id: 41, text: "help")
        let directory = TemporaryDirectory()
        let config = """
            { "http": { "listen": "127.0.0.1:0" },
              "shops": [
                { "key": "cafe", "org": { "name": "Corner Café" },
                  "telegram": { "token_env": "CAFE_TOKEN", "api_url": "http://127.0.0.1:\(cafe.server.port)" } },
                { "key": "bakery", "org": { "name": "The Bakery", "timezone": "Europe/Paris" },
                  "telegram": { "token_env": "BAKERY_TOKEN", "api_url": "http://127.0.0.1:\(bakery.server.port)" } } ] }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: directory.file("host.json")))
        let log = directory.file("log.txt")
        let process = try CLITests.launch(
            ["run", "--config", directory.file("host.json")],
            environment: [
                "CAFE_TOKEN": "1:CAFESECRET", "BAKERY_TOKEN": "2:BAKERYSECRET",
                "OPSBOT_DB": directory.file("host.sqlite"),
            ],
            stderr: log)
        // Never left running, whatever fails first.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        func offsets() throws -> [String?] {
            guard FileManager.default.fileExists(atPath: directory.file("host.sqlite")) else { return [nil, nil] }
            let store = try Store(path: directory.file("host.sqlite"))
            return try ["telegram", "telegram:bakery"].map { try store.transportState(transport: $0, key: "offset") }
        }
        let deadline = Date().addingTimeInterval(60)
        while try offsets() != ["42", "42"] && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(try offsets() == ["42", "42"])
        #expect(cafe.sentTexts.first?.contains("Corner Café has no owner yet") == true, "\(cafe.sentTexts)")
        #expect(bakery.sentTexts.first?.contains("The Bakery has no owner yet") == true, "\(bakery.sentTexts)")
        let setups = text.split(separator: "\n").filter { $0.contains("event=run.setup") }
        #expect(
            setups.count == 2 && setups.contains { $0.contains("shop=cafe") }
                && setups.contains { $0.contains("shop=bakery") })
        #expect(!text.contains("SECRET"))
        let store = try Store(path: directory.file("host.sqlite"))
        #expect(try store.orgs().map(\.name) == ["Corner Café", "The Bakery"])
        #expect(try store.orgs().last?.timeZone.identifier == "Europe/Paris")
    }
}
