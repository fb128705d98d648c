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
}
