import Foundation

/// Where log lines go: standard error in the bot, memory in tests.
public protocol LogSink: Sendable {
    func write(_ line: String)
}

/// One line per event, `key=value` metadata with dotted keys (after swift-log's best practices).
/// The logger is passed in, never global; secrets are never given to it.
public struct Logger: Sendable {
    public enum Level: Int, Sendable, Comparable {
        case debug, info, warning, error

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var name: String { ["debug", "info", "warning", "error"][rawValue] }
    }

    public let label: String
    public var level: Level
    private let sink: any LogSink

    public init(label: String, level: Level = .info, sink: any LogSink) {
        self.label = label
        self.level = level
        self.sink = sink
    }

    public func log(_ level: Level, _ event: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(level, event, fields: metadata.map { ($0.key, $0.value) })
    }

    /// The same with fields built at run time (some present only sometimes).
    public func log(_ level: Level, _ event: String, fields: [(String, String)]) {
        guard level >= self.level else { return }
        var line = "level=\(level.name) label=\(label) event=\(event)"
        for (key, value) in fields { line += " \(key)=\(Self.quoted(value))" }
        sink.write(line)
    }

    public func debug(_ event: String, _ metadata: KeyValuePairs<String, String> = [:]) { log(.debug, event, metadata) }
    public func info(_ event: String, _ metadata: KeyValuePairs<String, String> = [:]) { log(.info, event, metadata) }
    public func warning(_ event: String, _ metadata: KeyValuePairs<String, String> = [:]) {
        log(.warning, event, metadata)
    }
    public func error(_ event: String, _ metadata: KeyValuePairs<String, String> = [:]) { log(.error, event, metadata) }

    /// Values with spaces, quotes or `=` are quoted, so a line always splits back into its pairs.
    static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\n" }) else {
            return value
        }
        return "\""
            + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}

/// Writes each line to standard error.
public struct StandardErrorLogSink: LogSink {
    public init() {}

    public func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Discards everything (for tools and tests that do not look at logs).
public struct NullLogSink: LogSink {
    public init() {}
    public func write(_ line: String) {}
}
