import Foundation
import OpsCore

/// Reads one range of a Google Sheet (Sheets API v4 `spreadsheets.values.get`) where a shop keeps its stock
/// counts or sales, with a service account (or an API key for a sheet shared by link). The first row is the
/// header; the rows that changed since the last read (by their hash) go through the CSV importer's detection
/// and checks. Rows deleted from the sheet are said, not applied. Read-only.
public struct SheetsConnector: SyncConnector {
    public enum Credentials: Sendable {
        case serviceAccount(keyFile: String)
        case apiKey(String)
    }

    public struct Options: Sendable {
        public var baseURL: String
        public var spreadsheet: String
        /// "Stock!A1:F500".
        public var range: String
        public var kind: ImportKind?
        public var credentials: Credentials
        public var interval: TimeInterval

        public init(
            baseURL: String = "https://sheets.googleapis.com", spreadsheet: String, range: String, kind: ImportKind?,
            credentials: Credentials, interval: TimeInterval = 900
        ) {
            self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
            self.spreadsheet = spreadsheet
            self.range = range
            self.kind = kind
            self.credentials = credentials
            self.interval = interval
        }
    }

    public let source = "sheet"
    let options: Options
    let http: ConnectorHTTP
    let serviceAccount: ServiceAccountToken?
    public var interval: TimeInterval { options.interval }
    public var secrets: [String] {
        if case .apiKey(let key) = options.credentials { return [key] }
        return []
    }

    public init(options: Options, http: ConnectorHTTP) {
        self.options = options
        self.http = http
        if case .serviceAccount(let file) = options.credentials {
            serviceAccount = ServiceAccountToken(keyFile: file)
        } else {
            serviceAccount = nil
        }
    }

    static let pathAllowed: CharacterSet = {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return allowed
    }()

    public func read(since cursor: String, now: Date) async throws -> (batch: SyncBatch, cursor: String) {
        let fields = ConnectorValues.cursorFields(cursor)
        let id = options.spreadsheet.addingPercentEncoding(withAllowedCharacters: Self.pathAllowed) ?? ""
        let range = options.range.addingPercentEncoding(withAllowedCharacters: Self.pathAllowed) ?? ""
        var url = "\(options.baseURL)/v4/spreadsheets/\(id)/values/\(range)?majorDimension=ROWS"
        var request = HTTPRequest(method: "GET", url: url)
        switch options.credentials {
        case .apiKey(let key):
            url += "&key=" + (key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            request.url = url
        case .serviceAccount:
            guard let serviceAccount else { break }
            request.headers.append(
                ("Authorization", "Bearer " + (try await serviceAccount.token(http: http, now: now))))
        }
        let answer = try await http.send(request, platform: "Google Sheets", explain: Self.explain)
        let values = (answer["values"]?.array ?? []).map { row in
            (row.array ?? []).map { cell in
                cell.string ?? cell.double.map(Self.number) ?? cell.bool.map(String.init) ?? ""
            }
        }
        guard let header = values.first, header.contains(where: { !$0.isEmpty }) else {
            throw ConnectorError(
                .setup, "The sheet's range \(options.range) is empty: its first row must be the column names.")
        }
        let firstRow = Self.firstRow(answer["range"]?.string ?? options.range)
        let headerHash = Self.hash(header)
        let seen =
            fields["header"] == headerHash ? Set((fields["rows"] ?? "").split(separator: " ").map(String.init)) : []
        var rows: [[String]] = []
        var sheetRows: [Int] = []
        var hashes: [String] = []
        for (offset, row) in values.dropFirst().enumerated() {
            guard row.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            // Trailing empty cells are left out of the answer: the row is as wide as the header.
            let padded = Array(
                (row + Array(repeating: "", count: max(0, header.count - row.count))).prefix(
                    max(header.count, row.count)))
            let hash = Self.hash(padded)
            hashes.append(hash)
            guard !seen.contains(hash) else { continue }
            rows.append(padded)
            sheetRows.append(firstRow + 1 + offset)
        }
        // A changed row is a new hash and a lost one; only a sheet with fewer rows has lost some.
        let previous = Int(fields["count"] ?? "") ?? seen.count
        let removed = seen.isEmpty ? 0 : max(0, previous - hashes.count)
        let table = SyncBatch.Table(
            header: header, rows: rows, sheetRows: sheetRows, kind: options.kind, removed: removed)
        return (
            SyncBatch(table: table),
            ConnectorValues.cursor([
                "header": headerHash, "rows": hashes.joined(separator: " "), "count": String(hashes.count),
            ])
        )
    }

    /// A number cell as the sheet shows it, without a trailing ".0".
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The sheet row the range starts on: "Stock!A1:F500" → 1, "B3:D" → 3, "Stock" → 1.
    static func firstRow(_ range: String) -> Int {
        let cells = range.split(separator: "!").last.map(String.init) ?? range
        let start = cells.split(separator: ":").first.map(String.init) ?? ""
        return Int(start.drop { $0.isLetter }) ?? 1
    }

    static func hash(_ row: [String]) -> String {
        var digest = OpsCore.SHA256()
        digest.update(Array(row.joined(separator: "\u{1F}").utf8))
        return String(digest.finalize().prefix(16))
    }

    /// Google's error envelope: `{"error": {"code", "message", "status"}}`.
    static func explain(_ refusal: ConnectorHTTP.Refusal) -> ConnectorError {
        let error = refusal.body?["error"]
        let status = error?["status"]?.string ?? "HTTP \(refusal.status)"
        let message = (error?["message"]?.string ?? "").prefix(200)
        switch refusal.status {
        case 401:
            return ConnectorError(.access, "Google refused the credentials (\(status)): \(message)")
        case 403:
            return ConnectorError(
                .access,
                "Google refused to read the sheet (\(status)): share it with the service account's email, or with "
                    + "anyone with the link for an API key. \(message)")
        case 404:
            return ConnectorError(.setup, "Google has no such sheet (\(status)): check the spreadsheet id. \(message)")
        case 400:
            return ConnectorError(.setup, "Google refused the request (\(status)): check the range. \(message)")
        default:
            return ConnectorError(.platform, "Google Sheets answered \(status): \(message)")
        }
    }
}
