import Foundation

/// Writes rows as CSV (RFC 4180): fields quoted only when they must be, CRLF line ends as Excel expects.
public struct CSVWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: field.replacingOccurrences(of: "\"", with: "\"\"").utf8)
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: field.utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }
}
