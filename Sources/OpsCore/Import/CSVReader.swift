import Foundation

/// Reads CSV (RFC 4180) a row at a time, in constant memory, from a file or from bytes.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; rows end in CRLF, LF or CR; a UTF-8
/// byte-order mark is skipped; the delimiter (`,` `;` or tab) is sniffed from the first row. A field that is
/// not valid UTF-8 is read as Windows-1252 (Excel's default) and `sawWindows1252` turns true.
/// Blank lines are skipped. A quote that is never closed is an error, not a guess.
public struct CSVReader {
    public struct Row: Sendable, Equatable {
        public let fields: [String]
        /// The physical line the row starts on, counting from 1 (header included).
        public let line: Int
    }

    public enum Error: Swift.Error, CustomStringConvertible, Equatable {
        case unterminatedQuote(line: Int)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .unterminatedQuote(let line):
                return "line \(line): a quoted field is never closed (a \" is missing)"
            case .unreadable(let path, let reason):
                return "cannot read \(path): \(reason)"
            }
        }
    }

    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    public private(set) var sawWindows1252 = false
    /// Bytes consumed so far, for progress and throughput.
    public private(set) var bytesRead = 0

    private let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var line = 1
    private var atEnd = false
    private var started = false

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Error.unreadable(path: path, reason: "no such file, or no permission to read it")
        }
        source = ByteSource(handle: handle)
    }

    public init(bytes: [UInt8]) {
        source = ByteSource(bytes: bytes)
    }

    /// The next row, or nil at the end of the input.
    public mutating func next() throws -> Row? {
        if !started { try start() }
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(32)
        var quoted = false
        var inQuotes = false
        var rowLine = line
        var rowHasContent = false

        while true {
            guard let byte = try nextByte() else {
                if inQuotes { throw Error.unterminatedQuote(line: rowLine) }
                if rowHasContent || !fields.isEmpty || !field.isEmpty {
                    fields.append(decode(field))
                    return Row(fields: fields, line: rowLine)
                }
                return nil
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if try peekByte() == UInt8(ascii: "\"") {
                        _ = try nextByte()
                        field.append(byte)
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") {
                        line += 1
                    } else if byte == UInt8(ascii: "\r") {
                        let following = try peekByte()
                        if following != UInt8(ascii: "\n") { line += 1 }
                    }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                fields.append(decode(field))
                field.removeAll(keepingCapacity: true)
                quoted = false
                rowHasContent = true
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { _ = try nextByte() }
                line += 1
                if !rowHasContent && fields.isEmpty && field.isEmpty {
                    rowLine = line  // a blank line: skip it
                    continue
                }
                fields.append(decode(field))
                return Row(fields: fields, line: rowLine)
            case UInt8(ascii: "\""):
                if field.isEmpty && !quoted {
                    inQuotes = true
                    quoted = true
                    rowHasContent = true
                } else {
                    field.append(byte)  // a stray quote inside an unquoted field is kept as text
                }
            default:
                field.append(byte)
                rowHasContent = true
            }
        }
    }

    /// The SHA-256 of the whole input, skipping any rows not read yet. Call it once, at the end.
    public mutating func sha256() throws -> String {
        position = buffer.count
        while !atEnd {
            try fill(atLeast: 1)
            position = buffer.count
        }
        return source.hasher.finalize()
    }

    /// Skips a byte-order mark and sniffs the delimiter from the first line.
    private mutating func start() throws {
        started = true
        try fill(atLeast: 3)
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB,
            buffer[position + 2] == 0xBF
        {
            position += 3
            bytesRead += 3
        }
        try fill(atLeast: 64 * 1024)
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        var index = position
        while index < buffer.count {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
                break
            } else if !inQuotes, let count = counts[byte] {
                counts[byte] = count + 1
            }
            index += 1
        }
        if let best = counts.max(by: { ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0) }),
            best.value > 0
        {
            delimiter = best.key
        }
    }

    private mutating func decode(_ bytes: [UInt8]) -> String {
        // Most fields are ASCII, which is valid UTF-8 as it stands: skip the generic validating initialiser
        // (its type metadata lookups cost 2% of a million-line import).
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        sawWindows1252 = true
        return Windows1252.decode(bytes)
    }

    private mutating func nextByte() throws -> UInt8? {
        if position >= buffer.count {
            try fill(atLeast: 1)
            if position >= buffer.count { return nil }
        }
        let byte = buffer[position]
        position += 1
        bytesRead += 1
        return byte
    }

    private mutating func peekByte() throws -> UInt8? {
        if position >= buffer.count {
            try fill(atLeast: 1)
            if position >= buffer.count { return nil }
        }
        return buffer[position]
    }

    /// Makes at least `count` unread bytes available, unless the input ends first.
    private mutating func fill(atLeast count: Int) throws {
        guard !atEnd, buffer.count - position < count else { return }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        while buffer.count < count, !atEnd {
            let chunk = try source.read(max(count - buffer.count, 256 * 1024))
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}

/// Where the reader's bytes come from: a file read in chunks, or bytes already in memory.
final class ByteSource {
    private let handle: FileHandle?
    private var bytes: [UInt8]
    private var offset = 0
    /// Every byte read is hashed on the way, so a file's SHA-256 costs no second pass.
    var hasher = SHA256()

    init(handle: FileHandle) {
        self.handle = handle
        self.bytes = []
    }

    init(bytes: [UInt8]) {
        self.handle = nil
        self.bytes = bytes
    }

    deinit { try? handle?.close() }

    func read(_ count: Int) throws -> [UInt8] {
        let chunk: [UInt8]
        if let handle {
            chunk = Array(try handle.read(upToCount: count) ?? Data())
        } else {
            let end = min(bytes.count, offset + count)
            chunk = Array(bytes[offset..<end])
            offset = end
        }
        hasher.update(chunk)
        return chunk
    }
}

@available(*, unavailable)
extension ByteSource: Sendable {}
