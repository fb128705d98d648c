import Foundation
import Testing

@testable import OpsCore

@Suite struct CSVReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func readAll(_ bytes: [UInt8]) throws -> [[String]] {
        var reader = CSVReader(bytes: bytes)
        var rows: [[String]] = []
        while let row = try reader.next() { rows.append(row.fields) }
        return rows
    }

    static let spectrum = [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ]

    @Test(arguments: spectrum)
    func csvSpectrumCase(_ name: String) throws {
        let base = Self.fixtures.appendingPathComponent("csv-spectrum")
        let csv = try Data(contentsOf: base.appendingPathComponent("csvs/\(name).csv"))
        let json = try Data(contentsOf: base.appendingPathComponent("json/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: String]])
        var reader = try CSVReader(path: base.appendingPathComponent("csvs/\(name).csv").path)
        let header = try #require(try reader.next()).fields
        var rows: [[String: String]] = []
        while let row = try reader.next() {
            rows.append(Dictionary(uniqueKeysWithValues: zip(header, row.fields)))
        }
        #expect(rows == expected, "\(String(decoding: csv, as: UTF8.self))")
    }

    @Test func lineEndingsBOMAndBlankLines() throws {
        let text = "\u{FEFF}a,b\r\n1,2\r3,4\n\n5,6\r\n\r\n"
        #expect(try Self.readAll(Array(text.utf8)) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
    }

    @Test func rowsKnowTheLineTheyStartOn() throws {
        var reader = CSVReader(bytes: Array("h1,h2\n\"multi\nline\",x\n\nlast,y\n".utf8))
        #expect(try reader.next()?.line == 1)
        #expect(try reader.next()?.line == 2)
        #expect(try reader.next()?.line == 5)
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [
        ("a;b;c\n1;2;3\n", UInt8(ascii: ";")), ("a\tb\n1\t2\n", UInt8(ascii: "\t")),
        ("\"x;y\",b\n1,2\n", UInt8(ascii: ",")), ("single\n1\n", UInt8(ascii: ",")),
    ])
    func sniffsTheDelimiter(_ text: String, _ delimiter: UInt8) throws {
        var reader = CSVReader(bytes: Array(text.utf8))
        _ = try reader.next()
        #expect(reader.delimiter == delimiter)
    }

    @Test func windows1252IsDecodedAndNoticed() throws {
        // "Café,€5" as Excel on Windows writes it.
        var reader = CSVReader(bytes: [0x43, 0x61, 0x66, 0xE9, 0x2C, 0x80, 0x35, 0x0A])
        #expect(try reader.next()?.fields == ["Café", "€5"])
        #expect(reader.sawWindows1252)
        var utf8 = CSVReader(bytes: Array("Café,€5\n".utf8))
        #expect(try utf8.next()?.fields == ["Café", "€5"])
        #expect(!utf8.sawWindows1252)
    }

    @Test func anUnclosedQuoteIsAnErrorWithItsLine() throws {
        var reader = CSVReader(bytes: Array("a,b\n1,2\n3,\"never closed\n4,5\n".utf8))
        _ = try reader.next()
        _ = try reader.next()
        #expect(throws: CSVReader.Error.unterminatedQuote(line: 3)) { _ = try reader.next() }
    }

    @Test func rowsOfOtherLengthsAreReturnedAsTheyAre() throws {
        #expect(
            try Self.readAll(Array("a,b,c\n1,2\n1,2,3,4\n".utf8)) == [
                ["a", "b", "c"], ["1", "2"], ["1", "2", "3", "4"],
            ])
    }

    @Test func readsAFileLargerThanItsBuffer() throws {
        let directory = NSTemporaryDirectory() + "csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "id,note\n"
        for index in 0..<50_000 { text += "\(index),\"line \(index), with \"\"quotes\"\"\nand a break\"\n" }
        let path = directory + "/big.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CSVReader(path: path)
        var count = 0
        _ = try reader.next()
        while let row = try reader.next() {
            #expect(row.fields == ["\(count)", "line \(count), with \"quotes\"\nand a break"])
            count += 1
        }
        #expect(count == 50_000)
    }

    /// Random tables, written with random (but valid) quoting and line ends, read back equal.
    @Test func randomTablesRoundTrip() throws {
        var random = SeededRandom(seed: 2026)
        let alphabet: [String] = ["a", "b", "Z", "1", " ", ",", ";", "\"", "\n", "\r\n", "é", "€", "☕️", "\t", "x y"]
        for _ in 0..<300 {
            let columns = 1 + Int(random.next() % 6)
            // One column has no delimiter to sniff: the reader then assumes a comma, so the writer uses one.
            let delimiter = columns == 1 ? "," : [",", ";", "\t"][Int(random.next() % 3)]
            let lineEnd = ["\n", "\r\n", "\r"][Int(random.next() % 3)]
            let rows = (0..<(1 + Int(random.next() % 8))).map { _ in
                (0..<columns).map { _ in
                    (0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
                        .joined()
                }
            }
            // The header holds plain names so the delimiter can be sniffed, as in real exports.
            let header = (0..<columns).map { "col\($0)" }
            let table = [header] + rows
            let text =
                table.map { row in
                    row.map { field -> String in
                        let mustQuote =
                            field.contains(delimiter) || field.contains("\"") || field.contains("\n")
                            || field.contains("\r") || (row.count == 1 && field.isEmpty)
                        if mustQuote || random.next() % 4 == 0 {
                            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                        }
                        return field
                    }.joined(separator: delimiter)
                }.joined(separator: lineEnd) + (random.next() % 2 == 0 ? lineEnd : "")
            #expect(try Self.readAll(Array(text.utf8)) == table, "\(text.debugDescription)")
        }
    }

    /// On any bytes — quotes opened and left open, stray ones, both line breaks, three delimiters, bytes that are
    /// not UTF-8, a byte-order mark — the reader finds the rows, lines, errors and encodings the plain
    /// byte-at-a-time reader finds, with its buffer ending anywhere (read a byte at a time and up).
    @Test func readsAsAReaderTakingOneByteAtATime() throws {
        var random = SeededRandom(seed: 4180)
        let alphabet: [[UInt8]] = [
            Array("a".utf8), Array("bc".utf8), Array("1".utf8), Array(" ".utf8), Array(",".utf8), Array(";".utf8),
            Array("\t".utf8), Array("\"".utf8), Array("\"\"".utf8), Array("\r".utf8), Array("\n".utf8),
            Array("\r\n".utf8), Array("é".utf8), Array("€".utf8), [0xE9], [0x80], Array(",\"".utf8), Array("\",".utf8),
        ]
        for round in 0..<1_500 {
            var bytes: [UInt8] = round % 7 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                bytes += alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            }
            for readSize in [1, 2, 3, 5, 16, 256 * 1024] {
                var reader = CSVReader(bytes: bytes, readSize: readSize)
                var read = ByteAtATimeCSV.Outcome()
                do {
                    while let row = try reader.next() { read.rows.append(row) }
                    #expect(reader.bytesRead == bytes.count)
                } catch let error as CSVReader.Error {
                    read.error = error
                }
                read.sawWindows1252 = reader.sawWindows1252
                let expected = ByteAtATimeCSV.read(bytes, delimiter: reader.delimiter)
                #expect(read == expected, "\(bytes) read \(readSize) bytes at a time")
            }
        }
    }
}

/// The CSV reader as it first was, one byte at a time through a plain state machine: slow, and simple enough to
/// check by eye. `CSVReader` reads runs of bytes straight from its buffer; the test above holds the two to
/// the same rows, lines, errors and notes on random input.
struct ByteAtATimeCSV {
    struct Outcome: Equatable {
        var rows: [CSVReader.Row] = []
        var error: CSVReader.Error?
        var sawWindows1252 = false
    }

    /// Every row of `bytes` (after any byte-order mark), split at `delimiter`.
    static func read(_ bytes: [UInt8], delimiter: UInt8) -> Outcome {
        var outcome = Outcome()
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func decode(_ field: [UInt8]) -> String {
            if let text = String(validating: field, as: UTF8.self) { return text }
            outcome.sawWindows1252 = true
            return Windows1252.decode(field)
        }
        func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
        while true {
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var inQuotes = false
            var rowLine = line
            var rowHasContent = false
            row: while true {
                guard position < bytes.count else {
                    if inQuotes {
                        outcome.error = .unterminatedQuote(line: rowLine)
                        return outcome
                    }
                    if rowHasContent || !fields.isEmpty || !field.isEmpty {
                        fields.append(decode(field))
                        outcome.rows.append(CSVReader.Row(fields: fields, line: rowLine))
                    }
                    return outcome
                }
                let byte = bytes[position]
                position += 1
                if inQuotes {
                    if byte == UInt8(ascii: "\"") {
                        if peek() == UInt8(ascii: "\"") {
                            position += 1
                            field.append(byte)
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peek() != UInt8(ascii: "\n")) {
                            line += 1
                        }
                        field.append(byte)
                    }
                    continue
                }
                switch byte {
                case delimiter:
                    fields.append(decode(field))
                    field = []
                    quoted = false
                    rowHasContent = true
                case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                    if byte == UInt8(ascii: "\r"), peek() == UInt8(ascii: "\n") { position += 1 }
                    line += 1
                    if !rowHasContent && fields.isEmpty && field.isEmpty {
                        rowLine = line
                        continue
                    }
                    fields.append(decode(field))
                    outcome.rows.append(CSVReader.Row(fields: fields, line: rowLine))
                    break row
                case UInt8(ascii: "\""):
                    if field.isEmpty && !quoted {
                        inQuotes = true
                        quoted = true
                        rowHasContent = true
                    } else {
                        field.append(byte)
                    }
                default:
                    field.append(byte)
                    rowHasContent = true
                }
            }
        }
    }
}
