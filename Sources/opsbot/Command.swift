import Foundation
import OpsCore

/// A parsed command line.
enum Command: Equatable {
    case demo(seed: UInt64, today: String?)
    case console
    case ask(message: String)
    /// The one-page HTML report of a period ("last-month", "this-week", "last-30-days").
    case report(period: String)
    case importFile(kind: ImportKind?, file: String, strict: Bool)
    case migrate
    case run
    case checkAlerts
    case backup(file: String)
    case help
    case version
}

/// Options every command accepts.
struct GlobalOptions: Equatable {
    var database: String?
    var config: String?
    var actAs: String?
    /// "Answer as if it were this time" (ISO 8601), for reproducible answers and tests.
    var now: String?
    /// `ask`, `console`: the folder files sent with replies are written to; `report`: the file.
    var out: String?
}

/// A command line that cannot be run as typed. Printed with the usage; exit status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// Turns `opsbot …` arguments into a `Command`.
struct CommandLineParser {
    static let usage = """
        Usage: opsbot COMMAND [OPTIONS]

        Commands:
          demo                 create a demo shop (a year of sales, stock, shifts, reviews) and chat with it
          console              chat with the bot in this terminal
          ask "MESSAGE"        one message in, the reply out
          import [KIND] FILE   import a CSV file; KIND is sales, inventory, products, shifts or reviews
                               (found from the columns when left out)
          run                  the bot: Telegram (TELEGRAM_BOT_TOKEN), the /healthz endpoint; Ctrl-C stops it
          report               the one-page HTML report (figures, charts, top products, low stock, alerts)
          check-alerts         evaluate the alert rules once and send what is due (for cron)
          migrate              create or upgrade the database
          backup FILE          write a consistent copy of the database to FILE
          help, --help         this text
          version, --version   the version

        Options:
          --db PATH            the database (default: $OPSBOT_DB, then ./opsbot.sqlite)
          --config FILE        the configuration file (default: $OPSBOT_CONFIG; see Config/opsbot.example.json)
          --as NAME            act as this member (console, ask); default: the shop's owner
          --seed N             demo: the random seed (default 42); the same seed gives the same shop
          --today YYYY-MM-DD   demo: the shop's last day (default: today); sales run to 15:00 that day
          --strict             import: reject the whole file for any bad row
          --now TIME           answer as if it were TIME (ISO 8601, e.g. 2026-11-25T14:00:00Z)
          --out PATH           ask, console: the folder to write charts and other files to; report: the file
                               (default: the report's own name, in this folder)
          --period PERIOD      report: last-month (default), this-month, last-week, this-week, last-30-days …
        """

    func parse(_ arguments: [String]) throws -> (Command, GlobalOptions) {
        var options = GlobalOptions()
        var positional: [String] = []
        var seed: UInt64?
        var today: String?
        var strict = false
        var period: String?
        var index = 0
        func value(for option: String) throws -> String {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                throw UsageError(description: "\(option) needs a value.")
            }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            // "--db=PATH" is accepted as well as "--db PATH".
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                let name = String(argument[..<equals])
                var rest = Array(arguments)
                rest.replaceSubrange(index...index, with: [name, String(argument[argument.index(after: equals)...])])
                return try parse(rest)
            }
            switch argument {
            case "--help", "-h": return (.help, options)
            case "--version", "-V": return (.version, options)
            case "--db": options.database = try value(for: argument)
            case "--config": options.config = try value(for: argument)
            case "--as": options.actAs = try value(for: argument)
            case "--now": options.now = try value(for: argument)
            case "--out": options.out = try value(for: argument)
            case "--period": period = try value(for: argument)
            case "--seed":
                let text = try value(for: argument)
                guard let number = UInt64(text) else {
                    throw UsageError(description: "--seed takes a whole number, not “\(text)”.")
                }
                seed = number
            case "--today": today = try value(for: argument)
            case "--strict": strict = true
            default:
                if argument.hasPrefix("-") && argument.count > 1 {
                    throw UsageError(description: "Unknown option \(argument).")
                }
                positional.append(argument)
            }
            index += 1
        }
        guard let name = positional.first else { return (.help, options) }
        let rest = Array(positional.dropFirst())
        let command: Command
        switch name {
        case "demo":
            try expect(rest, count: 0, name)
            command = .demo(seed: seed ?? 42, today: today)
        case "console":
            try expect(rest, count: 0, name)
            command = .console
        case "ask":
            guard !rest.isEmpty else {
                throw UsageError(description: "ask needs a message: opsbot ask \"sales today\"")
            }
            command = .ask(message: rest.joined(separator: " "))
        case "report":
            try expect(rest, count: 0, name)
            command = .report(period: period ?? "last-month")
        case "check-alerts":
            try expect(rest, count: 0, name)
            command = .checkAlerts
        case "migrate":
            try expect(rest, count: 0, name)
            command = .migrate
        case "run":
            try expect(rest, count: 0, name)
            command = .run
        case "backup":
            guard rest.count == 1 else {
                throw UsageError(description: "backup needs one file: opsbot backup shop-copy.sqlite")
            }
            command = .backup(file: rest[0])
        case "import":
            switch rest.count {
            case 1: command = .importFile(kind: nil, file: rest[0], strict: strict)
            case 2:
                guard let kind = ImportKind(rawValue: rest[0].lowercased()) else {
                    throw UsageError(
                        description: "“\(rest[0])” is not a kind of file; use sales, inventory, products or shifts.")
                }
                command = .importFile(kind: kind, file: rest[1], strict: strict)
            default:
                throw UsageError(
                    description: "import needs a file: opsbot import [sales|inventory|products|shifts] FILE")
            }
        case "help": command = .help
        case "version": command = .version
        default:
            throw UsageError(description: "Unknown command “\(name)”.")
        }
        if (seed != nil || today != nil), name != "demo" {
            throw UsageError(description: "--seed and --today are options of demo only.")
        }
        if strict, name != "import" {
            throw UsageError(description: "--strict is an option of import only.")
        }
        return (command, options)
    }

    private func expect(_ rest: [String], count: Int, _ name: String) throws {
        guard rest.count == count else {
            throw UsageError(description: "\(name) takes no arguments, but got “\(rest.joined(separator: " "))”.")
        }
    }
}
