import Testing

@testable import OpsCore

/// Sales imports write without SQLite checking their foreign keys (`Database.writeTrustingReferences`): every
/// reference they stored must still name a row.
func expectEveryReferenceHolds(in store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let dangling = try store.database.query("PRAGMA foreign_key_check") {
        "\($0.string(0)) row \($0.int(1)) → \($0.string(2))"
    }
    #expect(dangling.isEmpty, sourceLocation: sourceLocation)
}
