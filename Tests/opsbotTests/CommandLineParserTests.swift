import Foundation
import Testing

@testable import opsbot

@Suite struct CommandLineParserTests {
    let parser = CommandLineParser()

    @Test func readsCommandsAndOptionsInAnyOrder() throws {
        let (command, options) = try parser.parse(["ask", "sales", "yesterday", "--db", "shop.sqlite", "--as", "maria"])
        #expect(command == .ask(message: "sales yesterday"))
        #expect(options.database == "shop.sqlite")
        #expect(options.actAs == "maria")
        #expect(try parser.parse(["--db=x.sqlite", "demo", "--seed", "7", "--today", "2026-01-31"]).0
            == .demo(seed: 7, today: "2026-01-31"))
        #expect(try parser.parse(["demo"]).0 == .demo(seed: 42, today: nil))
        #expect(try parser.parse(["--version"]).0 == .version)
        #expect(try parser.parse([]).0 == .help)
        #expect(try parser.parse(["backup", "copy.sqlite"]).0 == .backup(file: "copy.sqlite"))
    }

    @Test(arguments: [
        (["frobnicate"], "Unknown command “frobnicate”."),
        (["demo", "--colour"], "Unknown option --colour."),
        (["ask"], "ask needs a message: opsbot ask \"sales today\""),
        (["demo", "--seed", "many"], "--seed takes a whole number, not “many”."),
        (["console", "--db"], "--db needs a value."),
        (["ask", "hi", "--seed", "3"], "--seed and --today are options of demo only."),
        (["demo", "extra"], "demo takes no arguments, but got “extra”."),
    ])
    func explainsWhatIsWrong(_ arguments: [String], _ message: String) {
        #expect {
            _ = try parser.parse(arguments)
        } throws: { error in
            (error as? UsageError)?.description == message
        }
    }
}

@Suite struct ConfigTests {
    @Test func readsTheDocumentedSettings() throws {
        let json = """
            { "database": "cafe.sqlite",
              "org": { "name": "Corner Café", "timezone": "Europe/London", "currency": "GBP", "week_starts_on": "sunday" },
              "telegram": { "token_env": "TELEGRAM_BOT_TOKEN" } }
            """
        let config = try Config.parse(Data(json.utf8), path: "x.json")
        #expect(config.database == "cafe.sqlite")
        #expect(config.org?.timeZone?.identifier == "Europe/London")
        #expect(config.org?.currency?.code == "GBP")
        #expect(config.org?.weekStart == .sunday)
    }

    @Test func listsEveryProblemAtOnce() {
        let json = #"{ "databse": "x", "org": { "timezone": "Mars/Base", "currency": "pounds", "week_starts_on": "friday" } }"#
        #expect {
            _ = try Config.parse(Data(json.utf8), path: "bad.json")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.problems.count == 4 && error.description.contains("unknown setting “databse”")
                && error.description.contains("org.timezone") && error.description.contains("org.currency")
                && error.description.contains("org.week_starts_on")
        }
    }
}

@Suite struct ExampleConfigTests {
    @Test func theShippedExampleIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("Config/opsbot.example.json").path
        let config = try Config.load(path: path)
        #expect(config.org?.name == "Corner Café")
        #expect(config.database == "opsbot.sqlite")
    }
}
