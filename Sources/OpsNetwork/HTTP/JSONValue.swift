import Foundation

/// A parsed JSON value that can cross concurrency domains (Foundation's `Any` cannot).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer written without a fraction or exponent that fits Int64, kept exactly (a Double holds only 53
    /// bits: chat and user ids are up to 52, other platforms' ids need all 64).
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(parsing bytes: [UInt8]) throws {
        self = Self(foundation: try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    init(foundation value: Any) {
        switch value {
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumber too; their type encoding is "c" (char). Integers come as
            // "i" or "q", integers past Int64.max as "Q" (unsigned), everything else as "d".
            switch String(cString: number.objCType) {
            case "c": self = .bool(number.boolValue)
            case "i", "s", "l", "q": self = .integer(number.int64Value)
            case "Q", "L", "I", "S":
                let unsigned = number.uint64Value
                self = unsigned <= UInt64(Int64.max) ? .integer(Int64(unsigned)) : .number(number.doubleValue)
            default: self = .number(number.doubleValue)
            }
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map(JSONValue.init(foundation:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(foundation:)))
        default: self = .null
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var string: String? { if case .string(let value) = self { return value } else { return nil } }
    /// The value when it is a whole number that Int64 holds exactly; nil for anything else (1e20, 2^63, 1.5),
    /// never a trap: these numbers come from outside.
    public var int64: Int64? {
        switch self {
        case .integer(let value): return value
        case .number(let value): return Int64(exactly: value)
        default: return nil
        }
    }
    public var int: Int? { int64.flatMap { Int(exactly: $0) } }
    public var double: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }
    public var bool: Bool? { if case .bool(let value) = self { return value } else { return nil } }
    public var array: [JSONValue]? { if case .array(let value) = self { return value } else { return nil } }
}

extension JSONValue {
    /// Compact JSON text, object keys in order of their Unicode scalars, strings escaped as RFC 8259 asks.
    /// Written here rather than by `JSONSerialization`: with `.sortedKeys` it compares keys by locale, and a key
    /// from outside (fuzzed Slack events) made that comparison free a stack address and abort.
    public var jsonText: String {
        var text = ""
        write(into: &text)
        return text
    }

    private func write(into text: inout String) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .number(let value): text += value.isFinite ? "\(value)" : "null"
        case .string(let value): Self.quote(value, into: &text)
        case .array(let values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(into: &text)
            }
            text += "]"
        case .object(let object):
            text += "{"
            for (index, key) in object.keys.sorted(by: {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
            })
            .enumerated() {
                if index > 0 { text += "," }
                Self.quote(key, into: &text)
                text += ":"
                object[key]?.write(into: &text)
            }
            text += "}"
        }
    }

    private static func quote(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
