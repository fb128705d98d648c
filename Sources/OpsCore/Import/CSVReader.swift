import Foundation

/// Reads CSV (RFC 4180) a row at a time, in constant memory, from a file or from bytes.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; rows end in CRLF, LF or CR; a UTF-8
/// byte-order mark is skipped; UTF-16 (little or big endian, with or without a mark: Excel's "Unicode Text") is
/// read as the text it holds; the delimiter (`,` `;` or tab) is sniffed from the first row. A field that is
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
    /// Bytes asked of the source at a time (and at least this much read ahead to sniff the delimiter).
    private let readSize: Int
    private static let defaultReadSize = 256 * 1024
    /// Fields in the last row: the next row's array is made that large at once.
    private var lastWidth = 0

    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Error.unreadable(path: path, reason: "no such file, or no permission to read it")
        }
        source = ByteSource(handle: handle)
        readSize = Self.defaultReadSize
    }

    public init(bytes: [UInt8]) {
        self.init(bytes: bytes, readSize: Self.defaultReadSize)
    }

    /// `readSize` small: tests put the buffer's end in every place a row can be cut.
    init(bytes: [UInt8], readSize: Int) {
        source = ByteSource(bytes: bytes)
        self.readSize = readSize
    }

    /// The next row, or nil at the end of the input.
    ///
    /// Reads runs of ordinary bytes straight from the buffer up to the next delimiter, quote or line break, and
    /// decodes a field from there; only a field the buffer's end cuts, a quoted one or one holding a stray quote
    /// is gathered byte by byte in `cut`. A third of a million-line import's reading thread went to taking
    /// every byte one at a time.
    public mutating func next() throws -> Row? {
        if !started { try start() }
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var fields: [String] = []
        fields.reserveCapacity(lastWidth)
        // The current field's bytes read so far, when they are not all still in the buffer from `position`.
        var cut: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var rowLine = line
        var rowHasContent = false

        while true {
            if position == buffer.count {
                try fill(atLeast: 1)
                if position == buffer.count {
                    if inQuotes { throw Error.unterminatedQuote(line: rowLine) }
                    guard rowHasContent || !fields.isEmpty || !cut.isEmpty else { return nil }
                    fields.append(decode(cut[...]))
                    return row(fields, line: rowLine)
                }
            }
            if inQuotes {
                let end = endOfRun(from: position, at: quote, cr, lf, quote)
                cut.append(contentsOf: buffer[position..<end])
                consume(end - position)
                if end == buffer.count { continue }
                let byte = buffer[end]
                consume(1)
                if byte == quote {
                    if try peekByte() == quote {
                        consume(1)
                        cut.append(quote)
                    } else {
                        inQuotes = false
                    }
                } else {
                    // A line break inside quotes: part of the field, and of the line count (a CRLF at its LF).
                    let crBeforeLF = try byte == cr && peekByte() == lf
                    if !crBeforeLF { line += 1 }
                    cut.append(byte)
                }
                continue
            }
            let start = position
            let end = endOfRun(from: start, at: delimiter, cr, lf, quote)
            if end > start { rowHasContent = true }
            if end == buffer.count {
                cut.append(contentsOf: buffer[start..<end])
                consume(end - start)
                continue
            }
            let byte = buffer[end]
            if byte == quote {
                if cut.isEmpty && end == start && !quoted {
                    inQuotes = true
                    quoted = true
                    rowHasContent = true
                } else {
                    cut.append(contentsOf: buffer[start...end])  // a stray quote inside a field is kept as text
                }
                consume(end - start + 1)
                continue
            }
            // A delimiter or a line break ends the field; decoded before a peek can refill the buffer.
            let field: String
            if cut.isEmpty {
                field = decode(buffer[start..<end])
            } else {
                cut.append(contentsOf: buffer[start..<end])
                field = decode(cut[...])
                cut.removeAll(keepingCapacity: true)
            }
            consume(end - start + 1)
            if byte == delimiter {
                fields.append(field)
                quoted = false
                rowHasContent = true
                continue
            }
            if byte == cr, try peekByte() == lf { consume(1) }
            line += 1
            if !rowHasContent && fields.isEmpty {
                rowLine = line  // a blank line: skip it
                continue
            }
            fields.append(field)
            return row(fields, line: rowLine)
        }
    }

    private mutating func row(_ fields: [String], line: Int) -> Row {
        lastWidth = fields.count
        return Row(fields: fields, line: line)
    }

    /// The index of the first of the four bytes at or after `start`, or the buffer's end.
    private func endOfRun(from start: Int, at a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        buffer.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count {
                let byte = bytes[index]
                if byte == a || byte == b || byte == c || byte == d { return index }
                index += 1
            }
            return bytes.count
        }
    }

    private mutating func consume(_ count: Int) {
        position += count
        bytesRead += count
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
        try fill(atLeast: min(64 * 1024, readSize))
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
        if let best = counts.max(by: {
            ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0)
        }),
            best.value > 0
        {
            delimiter = best.key
        }
    }

    private mutating func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let text: String? = bytes.withUnsafeBufferPointer { bytes in
            // Most fields are ASCII, which is valid UTF-8 as it stands: skip the generic validating initialiser
            // (its type metadata lookups cost 2% of a million-line import).
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return String(validating: bytes, as: UTF8.self)
        }
        if let text { return text }
        sawWindows1252 = true
        return Windows1252.decode(Array(bytes))
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
            let chunk = try source.read(max(count - buffer.count, readSize))
            if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}

/// Where the reader's bytes come from: a file read in chunks, or bytes already in memory. A UTF-16 input is
/// handed on as UTF-8 (see `UTF16Transcoder`); the hash is always of the bytes as they are.
final class ByteSource {
    private let handle: FileHandle?
    private var bytes: [UInt8]
    private var offset = 0
    private var sniffed = false
    private var utf16: UTF16Transcoder?
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

    /// At most about `count` bytes (transcoded ones may be more or fewer); empty only at the end.
    func read(_ count: Int) throws -> [UInt8] {
        if !sniffed {
            sniffed = true
            let start = try readRaw(max(count, 4_096))
            utf16 = UTF16Transcoder.detect(start)
            guard utf16 != nil else { return start }
            return try transcoded(start)
        }
        guard utf16 != nil else { return try readRaw(count) }
        return try transcoded(try readRaw(count))
    }

    /// `chunk` as UTF-8, reading on while a chunk transcodes to nothing (one byte of a code unit), which the
    /// reader would take for the end.
    private func transcoded(_ chunk: [UInt8]) throws -> [UInt8] {
        var chunk = chunk
        while true {
            let output = utf16!.transcode(chunk, final: chunk.isEmpty)
            if !output.isEmpty || chunk.isEmpty { return output }
            chunk = try readRaw(4_096)
        }
    }

    private func readRaw(_ count: Int) throws -> [UInt8] {
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
