import Foundation
import OpsCore

/// Any bytes as a file sent to the bot: detected, mapped (the known exports' layouts and rules too), read and
/// imported into a shop, as `opsbot import` and a chat upload do. Nothing may trap, and an imported file's rows
/// are all accounted for. A new shop every few hundred inputs keeps memory flat.
nonisolated(unsafe) var store: Store?
nonisolated(unsafe) var runs = 0

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporter(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    runs += 1
    if store == nil || runs % 500 == 0 { store = try? Store.inMemory() }
    guard let store, let org = try? store.ensureOrg(timeZone: TimeZone(identifier: "America/New_York")!) else {
        return 0
    }
    // The first byte picks the kind sometimes, as a caption would.
    let kinds: [ImportKind?] = [nil, nil, nil, .sales, .inventory, .products, .shifts]
    let kind = bytes.first.map { kinds[Int($0) % kinds.count] } ?? nil
    guard
        let report = try? Importer(store: store, org: org).importBytes(
            bytes, fileName: "fuzz.csv", options: .init(kind: kind, now: Date(timeIntervalSince1970: 1_735_000_000)))
    else { return 0 }
    if report.status == .imported {
        precondition(
            report.inserted + report.updated + report.unchanged + report.skipped + report.rejected >= report.rowsRead,
            "rows unaccounted for")
    }
    return 0
}
