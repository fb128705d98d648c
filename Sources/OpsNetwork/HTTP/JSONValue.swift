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
