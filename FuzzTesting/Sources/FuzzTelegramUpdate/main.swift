import OpsNetwork

/// Any bytes as a Bot API answer: parsed as JSON, every object in it decoded as an update (the `getUpdates`
/// envelope's `result` and the bytes themselves), every number read as Int64 — no trap, whatever the numbers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTelegramUpdate(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard let json = try? JSONValue(parsing: Array(UnsafeRawBufferPointer(start: start, count: count))) else {
        return 0
    }
    var candidates = [json]
    candidates += json["result"]?.array ?? []
    candidates += json.array ?? []
    for candidate in candidates {
        if let update = TelegramUpdate(candidate) {
            precondition(update == update, "an update unequal to itself")
            _ = update.message?.chat.id
            _ = update.callback?.from.id
        }
        visit(candidate)
    }
    return 0
}

private func visit(_ value: JSONValue) {
    _ = value.int64
    _ = value.int
    _ = value.double
    switch value {
    case .array(let items): items.forEach(visit)
    case .object(let fields): fields.values.forEach(visit)
    default: break
    }
}
