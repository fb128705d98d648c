import OpsNetwork

/// Any bytes as what a server sends over a WebSocket, fed in two pieces cut at the first byte's value: frames
/// read and messages reassembled, or a protocol error — never a trap, whatever the lengths announced.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWebSocketFrame(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    var reader = WebSocketReader(maxFrame: 1 << 16, maxMessage: 1 << 17)
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    do {
        for event in try reader.feed(Array(bytes[..<cut])) + (try reader.feed(Array(bytes[cut...]))) {
            if case .message(_, let payload) = event {
                precondition(payload.count <= 1 << 17, "a message past the limit")
                _ = SlackEnvelope(text: payload)
            }
        }
    } catch let error as WebSocketProtocolError {
        precondition([1002, 1007, 1009].contains(error.code), "an unexpected close code")
    } catch {
        preconditionFailure("an error that is not a protocol error: \(error)")
    }
    return 0
}
