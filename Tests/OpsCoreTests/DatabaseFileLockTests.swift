import Foundation
import OpsTestSupport
import Testing

@testable import OpsCore

@Suite struct DatabaseFileLockTests {
    let directory = TemporaryDirectory()

    /// One holder alone keeps others from taking the lock, shared or alone; a new one waits its patience and
    /// goes on without it. Shared again, everyone may share it, and none may take it alone.
    @Test func aLockTakenAloneKeepsOthersOutUntilShared() throws {
        let path = directory.file("shop.sqlite")
        let first = try #require(DatabaseFileLock(databasePath: path))
        #expect(first.takeAlone())
        let started = Date()
        #expect(DatabaseFileLock(databasePath: path, patience: 0.1) == nil)
        #expect(Date().timeIntervalSince(started) >= 0.1, "it waited its patience before giving up")

        first.share()
        var second = DatabaseFileLock(databasePath: path, patience: 0)
        #expect(second != nil)
        #expect(!first.takeAlone())
        // A failed try leaves the lock shared (Linux lets go of it before trying): with the second gone,
        // the first still holds it, and a newcomer cannot take it alone.
        second = nil
        let third = try #require(DatabaseFileLock(databasePath: path, patience: 0))
        #expect(!third.takeAlone())
    }

    /// A holder that goes away lets go of the lock with it.
    @Test func aLockIsLetGoWhenItsHolderGoes() throws {
        let path = directory.file("shop.sqlite")
        var other: DatabaseFileLock? = DatabaseFileLock(databasePath: path)
        let mine = try #require(DatabaseFileLock(databasePath: path))
        #expect(other != nil && !mine.takeAlone())
        other = nil
        #expect(mine.takeAlone())
    }

    @Test func noLockWhereNoLockFileCanBeMade() {
        #expect(DatabaseFileLock(databasePath: directory.file("missing/shop.sqlite")) == nil)
    }
}
