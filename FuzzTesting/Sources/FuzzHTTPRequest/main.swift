import OpsNetwork

/// Any bytes as what a client sends to the HTTP server: requests are taken off the front one by one (pipelined),
/// each answered or refused, and the parser never crashes, loops or takes bytes it did not consume.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequest(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    for maxBody in [0, 16, 1 << 20] {
        var buffer = bytes
        var requests = 0
        parsing: while true {
            let before = buffer.count
            switch HTTPRequestParser.parse(&buffer, maxBody: maxBody) {
            case .request(let request, _):
                requests += 1
                precondition(buffer.count < before, "a request that consumed nothing")
                precondition(request.body.count <= maxBody, "a body over the limit")
                precondition(request.path.hasPrefix("/"), "a path that does not start with /")
                _ = request.query.count + request.headers.count
            case .invalid(let status, let reason):
                precondition((400..<600).contains(status) && !reason.isEmpty, "an invalid outcome without a status")
                break parsing
            case .needMore:
                precondition(buffer.count == before, "bytes consumed without a request")
                break parsing
            }
            precondition(requests <= count, "more requests than bytes")
        }
    }
    return 0
}
