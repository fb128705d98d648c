import OpsNetwork

/// Any bytes as a Socket Mode envelope or an Events API body: decoded, its event read as a message (mentions,
/// links and escapes undone), read as each Events URL body and kept as the inbox keeps it, and Block Kit rendered
/// back from its text — no trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSlackEvent(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    if let envelope = SlackEnvelope(text: bytes) {
        _ = envelope.acknowledgement
        if case .event(_, _, let event) = envelope, let incoming = SlackIncoming(event: event, botUserID: "UBOT") {
            _ = incoming.dedupeKey
            precondition(!incoming.text.contains("<@UBOT>"), "the bot's mention left in")
        }
    }
    if let json = try? JSONValue(parsing: bytes), let event = json["event"] ?? Optional(json) {
        _ = SlackIncoming(event: event, botUserID: nil)
    }
    // The Events URL's three bodies, and what the inbox keeps of them read back.
    for path in SlackEventsEndpoint.paths {
        if case .work(let inbound) = SlackEventsEndpoint.read(path: path, body: bytes) {
            precondition(SlackInbound(kind: inbound.kind, stored: inbound.stored) != nil, "kept but unreadable")
        }
    }
    _ = SlackRenderer.render(.text(String(decoding: bytes, as: UTF8.self)))
    return 0
}
