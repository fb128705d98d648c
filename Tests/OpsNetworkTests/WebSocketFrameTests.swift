import Foundation
import Testing

@testable import OpsNetwork

/// Issue 27, the ground under Socket Mode: RFC 6455 frames, written and read, with the RFC's own examples.
@Suite struct WebSocketFrameTests {
    @Test func theRFCsExamples() throws {
        // §5.7: a single-frame unmasked text message "Hello", and the same masked with 37 fa 21 3d.
        #expect(
            WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)).encoded(mask: nil) == [
                0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f,
            ])
        #expect(
            WebSocketFrame(opcode: .text, payload: Array("Hello".utf8)).encoded(mask: [0x37, 0xfa, 0x21, 0x3d])
                == [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])
        // A fragmented unmasked text message: "Hel" then "lo".
        var reader = WebSocketReader()
        #expect(try reader.feed([0x01, 0x03, 0x48, 0x65, 0x6c]).isEmpty)
        #expect(try reader.feed([0x80, 0x02, 0x6c, 0x6f]) == [.message(opcode: .text, payload: Array("Hello".utf8))])
        // §4.2.2: the handshake's accept for the sample nonce.
        #expect(WebSocketHandshake.accept(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func framesArriveInAnyPiecesAndLongLengthsRead() throws {
        let big = [UInt8](repeating: 0x61, count: 70_000)
        let bytes =
            WebSocketFrame(opcode: .text, payload: Array("{\"envelope_id\":\"1\"}".utf8)).encoded(mask: nil)
            + WebSocketFrame(opcode: .ping, payload: [1, 2]).encoded(mask: nil)
            + WebSocketFrame(opcode: .binary, payload: big).encoded(mask: nil)
            + WebSocketFrame.close(code: 1001, reason: "refresh").encoded(mask: nil)
        var reader = WebSocketReader()
        var events: [WebSocketReader.Event] = []
        var index = 0
        var step = 1
        while index < bytes.count {
            let end = min(bytes.count, index + step)
            events += try reader.feed(Array(bytes[index..<end]))
            index = end
            step = step * 3 % 4_099 + 1
        }
        #expect(events.count == 4)
        #expect(events[0] == .message(opcode: .text, payload: Array("{\"envelope_id\":\"1\"}".utf8)))
        #expect(events[1] == .ping([1, 2]))
        #expect(events[2] == .message(opcode: .binary, payload: big))
        #expect(events[3] == .close(code: 1001, reason: "refresh"))
    }

    @Test func aControlFrameMayComeBetweenFragments() throws {
        var reader = WebSocketReader()
        let bytes =
            WebSocketFrame(fin: false, opcode: .text, payload: Array("ab".utf8)).encoded(mask: nil)
            + WebSocketFrame(opcode: .ping, payload: []).encoded(mask: nil)
            + WebSocketFrame(opcode: .continuation, payload: Array("cd".utf8)).encoded(mask: nil)
        #expect(try reader.feed(bytes) == [.ping([]), .message(opcode: .text, payload: Array("abcd".utf8))])
    }

    @Test func whatAServerMustNotSendIsRefusedWithItsCloseCode() {
        func refusal(_ bytes: [UInt8], maxFrame: Int = 1 << 20) -> UInt16? {
            var reader = WebSocketReader(maxFrame: maxFrame, maxMessage: 64)
            do {
                _ = try reader.feed(bytes)
                return nil
            } catch let error as WebSocketProtocolError {
                return error.code
            } catch {
                return 0
            }
        }
        #expect(refusal([0x81, 0x85, 1, 2, 3, 4, 0, 0, 0, 0, 0]) == 1002)  // masked by the server
        #expect(refusal([0xC1, 0x00]) == 1002)  // a reserved bit
        #expect(refusal([0x83, 0x00]) == 1002)  // opcode 3
        #expect(refusal([0x09, 0x00]) == 1002)  // a fragmented ping
        #expect(refusal([0x89, 0x7E, 0x00, 0x7E] + [UInt8](repeating: 0, count: 126)) == 1002)  // a 126-byte ping
        #expect(refusal([0x80, 0x00]) == 1002)  // a continuation of nothing
        #expect(refusal([0x81, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0]) == 1002)  // the length's top bit
        #expect(refusal([0x82, 0x7F, 0, 0, 0, 1, 0, 0, 0, 0], maxFrame: 1 << 20) == 1009)  // 4 GB announced
        #expect(refusal([0x81, 0x02, 0xC3, 0x28]) == 1007)  // not UTF-8
        #expect(refusal([0x88, 0x01, 0x03]) == 1002)  // a one-byte close
        let long = [UInt8](repeating: 0x61, count: 40)
        let fragments =
            WebSocketFrame(fin: false, opcode: .text, payload: long).encoded(mask: nil)
            + WebSocketFrame(opcode: .continuation, payload: long).encoded(mask: nil)
        #expect(refusal(fragments) == 1009)  // a message over the limit
    }

    @Test func theHandshakeChecksTheServersProof() {
        var generator = SystemRandomNumberGenerator()
        let key = WebSocketHandshake.key(using: &generator)
        #expect(Data(base64Encoded: key)?.count == 16)
        let good = [
            "upgrade": "websocket", "connection": "Upgrade",
            "sec-websocket-accept": WebSocketHandshake.accept(forKey: key),
        ]
        #expect(WebSocketHandshake.accepts(good, key: key))
        var bad = good
        bad["sec-websocket-accept"] = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        #expect(!WebSocketHandshake.accepts(bad, key: key))
    }
}
