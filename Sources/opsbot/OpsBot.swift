import Foundation

/// `opsbot`: the command line. Exit status 0 on success, 1 when a command could not do its job,
/// 2 for a command line or configuration file that cannot be used as written.
@main
struct OpsBot {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let environment = ProcessInfo.processInfo.environment
        do {
            let (command, options) = try CommandLineParser().parse(arguments)
            exit(try await CommandRunner(options: options, environment: environment).run(command))
        } catch let error as UsageError {
            printError("opsbot: \(error)\n\n\(CommandLineParser.usage)")
            exit(2)
        } catch let error as ConfigError {
            printError("opsbot: \(error)")
            exit(2)
        } catch let error as BotRunner.NoTransport {
            printError("opsbot: \(error)")
            exit(2)
        } catch {
            printError("opsbot: \(error)")
            exit(1)
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
