import Foundation

/// The connectors in chat: how they stand, a run now, and how to connect one.
public enum SyncCommand: Sendable, Equatable {
    public enum Platform: String, Sendable, Equatable {
        case square, shopify, sheet
    }

    /// "sync status": each source's last run, rows, error and next run.
    case status
    /// "sync now" (every source) or "sync square now".
    case now(Platform?)
    /// "connect square", "connect shopify", "connect sheet <link>": what to put in the config and environment.
    case connect(Platform, sheet: String?)
}

/// Reads "sync status", "sync now", "connect square" and their ways of being typed ("sync", "/sync",
/// "last sync", "resync shopify", "link google sheet https://docs.google.com/spreadsheets/d/…").
struct SyncCommandParser {
    func parse(_ text: String) -> SyncCommand? {
        let words = TextNormalizer.tokens(text)
        let set = Set(words)
        let platform = Self.platform(set)
        if let first = words.first, ["connect", "link", "hook", "integrate"].contains(first) {
            let rest = Set(words.dropFirst())
            guard let platform = Self.platform(rest) else { return nil }
            return .connect(platform, sheet: platform == .sheet ? Self.sheetID(in: text) : nil)
        }
        let syncWords: Set<String> = ["sync", "synced", "syncing", "resync", "synchronise", "synchronize"]
        guard !set.isDisjoint(with: syncWords), words.count <= 5 else { return nil }
        if !set.isDisjoint(with: ["now", "again", "resync"]) { return .now(platform) }
        let asksHow: Set<String> = ["status", "last", "when", "working", "ok", "okay", "running", "state", "check"]
        if !set.isDisjoint(with: asksHow) || words.count <= 2 {
            return .status
        }
        return nil
    }

    static func platform(_ set: Set<String>) -> SyncCommand.Platform? {
        if set.contains("square") { return .square }
        if set.contains("shopify") { return .shopify }
        if !set.isDisjoint(with: ["sheet", "sheets", "spreadsheet", "gsheet"]) { return .sheet }
        return nil
    }

    /// The spreadsheet's id from its link (`/spreadsheets/d/<id>/…`), or a bare id pasted alone.
    static func sheetID(in text: String) -> String? {
        if let range = text.range(of: "/spreadsheets/d/") {
            let id = text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            return id.isEmpty ? nil : String(id)
        }
        return text.split(separator: " ").last.flatMap { word in
            word.count >= 30 && word.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
                ? String(word) : nil
        }
    }
}
