import Foundation

@testable import OpsCore

/// The CSV reader as it first was, one byte at a time through a plain state machine: slow, and simple enough to
/// check by eye. `CSVReader` reads runs of bytes straight from its buffer; `CSVReaderTests` holds the two to
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
