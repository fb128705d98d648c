import Foundation

/// A file sent in chat whose kind was not clear, kept until the sender answers which kind it is.
public struct PendingImport: Sendable, Equatable {
    public let id: Int64
    public let memberID: Int64?
    public let fileName: String
    public let bytes: [UInt8]
}

extension Store {
    /// How long a file waits for its kind: the question's buttons stop working after that.
    public static let pendingImportLifetime: TimeInterval = 86_400

    static let insertPendingImport = """
        INSERT INTO pending_imports (org_id, member_id, file_name, bytes, created_at) VALUES (?, ?, ?, ?, ?)
        """
    static let deleteExpiredPendingImports = "DELETE FROM pending_imports WHERE created_at < ?"
    static let selectPendingImport = """
        SELECT id, member_id, file_name, bytes FROM pending_imports WHERE id = ? AND org_id = ? AND created_at >= ?
        """
    static let deletePendingImport = "DELETE FROM pending_imports WHERE id = ? AND org_id = ?"

    /// Keeps `bytes` until its kind is answered; files older than a day go. Returns the file's id.
    public func keepPendingImport(orgID: Int64, memberID: Int64?, fileName: String, bytes: [UInt8], now: Date) throws
        -> Int64
    {
        try write {
            let seconds = Int64(now.timeIntervalSince1970)
            try database.execute(
                Self.deleteExpiredPendingImports, [.integer(seconds - Int64(Self.pendingImportLifetime))])
            try database.execute(
                Self.insertPendingImport,
                [
                    .integer(orgID), memberID.map { .integer($0) } ?? .null, .text(fileName), .blob(bytes),
                    .integer(seconds),
                ])
            return database.lastInsertedRowID
        }
    }

    /// The shop's waiting file, if it is still kept.
    public func pendingImport(id: Int64, orgID: Int64, now: Date) throws -> PendingImport? {
        let since = Int64(now.timeIntervalSince1970) - Int64(Self.pendingImportLifetime)
        return try database.queryFirst(Self.selectPendingImport, [.integer(id), .integer(orgID), .integer(since)]) {
            row in
            let bytes: [UInt8]
            if case .blob(let value) = row.value(3) { bytes = value } else { bytes = Array(row.string(3).utf8) }
            return PendingImport(
                id: row.int64(0), memberID: row.isNull(1) ? nil : row.int64(1), fileName: row.string(2), bytes: bytes)
        }
    }

    public func removePendingImport(id: Int64, orgID: Int64) throws {
        try database.execute(Self.deletePendingImport, [.integer(id), .integer(orgID)])
    }
}
