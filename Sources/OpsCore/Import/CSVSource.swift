import Foundation

/// Where an import's bytes are: a file, or an upload held in memory. Opened once per pass over the rows.
enum CSVSource: Sendable {
    case file(path: String)
    case bytes([UInt8])

    func open() throws -> CSVReader {
        switch self {
        case .file(let path): return try CSVReader(path: path)
        case .bytes(let bytes): return CSVReader(bytes: bytes)
        }
    }

    /// The size in bytes, without reading the file; nil when the file cannot be looked at (reading it then
    /// reports why).
    func byteCount() -> Int? {
        switch self {
        case .file(let path):
            return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        case .bytes(let bytes): return bytes.count
        }
    }

    /// The SHA-256 of the whole input, in one pass of 1 MB reads.
    func sha256() throws -> String {
        switch self {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
            return hasher.finalize()
        case .bytes(let bytes): return SHA256.hex(bytes)
        }
    }
}
