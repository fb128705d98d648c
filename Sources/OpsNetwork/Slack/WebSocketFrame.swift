import Foundation

/// One WebSocket frame (RFC 6455 §5.2). Slack's Socket Mode speaks text frames; the client masks every frame
/// it sends, the server none.
public struct WebSocketFrame: Sendable, Equatable {
    public enum Opcode: UInt8, Sendable {
        case continuation = 0x0
        case text = 0x1
        case binary = 0x2
        case close = 0x8
        case ping = 0x9
        case pong = 0xA

        var isControl: Bool { rawValue >= 0x8 }
    }

    public var fin: Bool
    public var opcode: Opcode
    public var payload: [UInt8]

    public init(fin: Bool = true, opcode: Opcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    /// The frame on the wire, masked with `mask` when one is given (a client's frames must be).
    public func encoded(mask: [UInt8]?) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode.rawValue]
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        switch payload.count {
        case 0...125:
            bytes.append(maskBit | UInt8(payload.count))
        case 126...0xFFFF:
            bytes.append(maskBit | 126)
            bytes += [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default:
            bytes.append(maskBit | 127)
            let length = UInt64(payload.count)
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((length >> UInt64(shift)) & 0xFF)) }
        }
        guard let mask, mask.count == 4 else { return bytes + payload }
        bytes += mask
        bytes.reserveCapacity(bytes.count + payload.count)
        for (index, byte) in payload.enumerated() { bytes.append(byte ^ mask[index & 3]) }
        return bytes
    }

    /// A close frame's payload: the status code and a reason (at most 123 bytes of it).
    public static func close(code: UInt16, reason: String = "") -> WebSocketFrame {
        WebSocketFrame(
            opcode: .close, payload: [UInt8(code >> 8), UInt8(code & 0xFF)] + Array(reason.utf8.prefix(123)))
    }

    /// The status code of a close frame, when it has one.
    public var closeCode: UInt16? {
        guard opcode == .close, payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }
}

/// Why a peer's bytes are not a WebSocket stream this client takes; each maps to the close code to send.
public struct WebSocketProtocolError: Error, Equatable, CustomStringConvertible {
    public let code: UInt16
    public let description: String

    static func protocolError(_ text: String) -> Self { Self(code: 1002, description: text) }
    static func tooBig(_ text: String) -> Self { Self(code: 1009, description: text) }
    static func badData(_ text: String) -> Self { Self(code: 1007, description: text) }
}

/// Reads frames from the bytes a server sends, as they arrive in any pieces, and puts fragmented messages
/// back together. Everything from outside is bounded: a frame header announcing more than `maxFrame` bytes, a
/// message past `maxMessage`, a masked server frame, reserved bits, unknown opcodes, control frames that are
/// fragmented or over 125 bytes, text that is not UTF-8 — each is a `WebSocketProtocolError`, never a trap.
public struct WebSocketReader: Sendable {
    public enum Event: Sendable, Equatable {
        /// A whole text or binary message.
        case message(opcode: WebSocketFrame.Opcode, payload: [UInt8])
        case ping([UInt8])
        case pong([UInt8])
        case close(code: UInt16?, reason: String)
    }

    public let maxFrame: Int
    public let maxMessage: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var fragments: [UInt8] = []
    private var fragmentOpcode: WebSocketFrame.Opcode?

    public init(maxFrame: Int = 1 << 20, maxMessage: Int = 4 << 20) {
        self.maxFrame = maxFrame
        self.maxMessage = maxMessage
    }

    /// Takes `bytes` and returns the events they complete, in order.
    public mutating func feed(_ bytes: [UInt8]) throws -> [Event] {
        buffer += bytes
        var events: [Event] = []
        while let frame = try nextFrame() {
            if let event = try assemble(frame) { events.append(event) }
        }
        // Drop what was read, now and then, not at every frame.
        if start > 65_536 || start == buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return events
    }

    private mutating func nextFrame() throws -> WebSocketFrame? {
        let available = buffer.count - start
        guard available >= 2 else { return nil }
        let first = buffer[start]
        let second = buffer[start + 1]
        guard first & 0x70 == 0 else {
            throw WebSocketProtocolError.protocolError("reserved bits set (no extension agreed)")
        }
        guard let opcode = WebSocketFrame.Opcode(rawValue: first & 0x0F) else {
            throw WebSocketProtocolError.protocolError("unknown opcode \(first & 0x0F)")
        }
        guard second & 0x80 == 0 else { throw WebSocketProtocolError.protocolError("a server frame was masked") }
        var header = 2
        var length = UInt64(second & 0x7F)
        if length == 126 {
            guard available >= 4 else { return nil }
            length = UInt64(buffer[start + 2]) << 8 | UInt64(buffer[start + 3])
            header = 4
        } else if length == 127 {
            guard available >= 10 else { return nil }
            length = 0
            for index in 0..<8 { length = length << 8 | UInt64(buffer[start + 2 + index]) }
            guard length >> 63 == 0 else { throw WebSocketProtocolError.protocolError("frame length's top bit set") }
            header = 10
        }
        let fin = first & 0x80 != 0
        if opcode.isControl {
            guard fin, length <= 125 else {
                throw WebSocketProtocolError.protocolError("a control frame fragmented or over 125 bytes")
            }
        }
        guard length <= UInt64(maxFrame) else {
            throw WebSocketProtocolError.tooBig("a frame of \(length) bytes (at most \(maxFrame))")
        }
        guard available - header >= Int(length) else { return nil }
        let payloadStart = start + header
        let payload = Array(buffer[payloadStart..<(payloadStart + Int(length))])
        start = payloadStart + Int(length)
        return WebSocketFrame(fin: fin, opcode: opcode, payload: payload)
    }

    private mutating func assemble(_ frame: WebSocketFrame) throws -> Event? {
        switch frame.opcode {
        case .ping: return .ping(frame.payload)
        case .pong: return .pong(frame.payload)
        case .close:
            guard frame.payload.count != 1 else {
                throw WebSocketProtocolError.protocolError("a close frame of 1 byte")
            }
            let reason = frame.payload.count > 2 ? String(decoding: frame.payload.dropFirst(2), as: UTF8.self) : ""
            return .close(code: frame.closeCode, reason: reason)
        case .text, .binary:
            guard fragmentOpcode == nil else {
                throw WebSocketProtocolError.protocolError("a new message began inside a fragmented one")
            }
            if frame.fin { return try message(frame.opcode, frame.payload) }
            fragmentOpcode = frame.opcode
            fragments = frame.payload
            return nil
        case .continuation:
            guard let opcode = fragmentOpcode else {
                throw WebSocketProtocolError.protocolError("a continuation frame with no message begun")
            }
            guard fragments.count + frame.payload.count <= maxMessage else {
                throw WebSocketProtocolError.tooBig("a message over \(maxMessage) bytes")
            }
            fragments += frame.payload
            guard frame.fin else { return nil }
            let payload = fragments
            fragments = []
            fragmentOpcode = nil
            return try message(opcode, payload)
        }
    }

    private func message(_ opcode: WebSocketFrame.Opcode, _ payload: [UInt8]) throws -> Event {
        guard payload.count <= maxMessage else {
            throw WebSocketProtocolError.tooBig("a message over \(maxMessage) bytes")
        }
        if opcode == .text, String(validating: payload, as: UTF8.self) == nil {
            throw WebSocketProtocolError.badData("a text message that is not UTF-8")
        }
        return .message(opcode: opcode, payload: payload)
    }
}
