import OpsCore

/// Any bytes: the reader returns rows or throws its own error, and never crashes or loops.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var reader = CSVReader(bytes: Array(UnsafeRawBufferPointer(start: start, count: count)))
    var rows = 0
    do {
        while let row = try reader.next() {
            rows += 1
            precondition(!row.fields.isEmpty, "a row without fields")
            precondition(rows <= count + 1, "more rows than bytes")
        }
    } catch {
        _ = "\(error)"
    }
    return 0
}
