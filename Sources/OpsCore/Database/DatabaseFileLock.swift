import Foundation

/// An advisory lock beside a database file (`FILE.lock`) that every `Database` holds shared while it is
/// open, so one can tell whether it is the file's only OpsBot connection (`Database.writeDirectly`).
///
/// `flock` locks belong to an open file, not to the process: two connections in one process are two
/// holders, as two processes are, and a holder that dies lets go of its lock with it.
final class DatabaseFileLock {
    private let descriptor: Int32

    /// Opens (creating if needed) the lock file and takes the shared lock. While a connection holds it alone
    /// (a direct write, seconds), waits up to `patience`, then goes on without it: SQLite's own locks still
    /// keep the file whole, and a connection without this lock never writes directly.
    init?(databasePath: String, patience: TimeInterval = 5) {
        let descriptor = open(databasePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        let deadline = Date().addingTimeInterval(patience)
        while !Self.lock(descriptor, LOCK_SH | LOCK_NB) {
            guard errno == EWOULDBLOCK, Date() < deadline else {
                close(descriptor)
                return nil
            }
            usleep(10_000)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Takes the lock alone if no other connection holds it; false, and shared again, otherwise. (Linux
    /// lets go of the shared lock before it tries for the other kind, even when the try fails.)
    func takeAlone() -> Bool {
        if Self.lock(descriptor, LOCK_EX | LOCK_NB) { return true }
        share()
        return false
    }

    /// Shares the lock again after `takeAlone`.
    func share() { _ = Self.lock(descriptor, LOCK_SH) }

    private static func lock(_ descriptor: Int32, _ operation: Int32) -> Bool {
        while flock(descriptor, operation) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }
}

@available(*, unavailable)
extension DatabaseFileLock: Sendable {}
