import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock beside a SQLite database so only one process runs a worker on it.
///
/// `flock` is released by the kernel when the process dies, so a crashed worker never leaves a stale lock.
public final class SQLiteWorkerLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for the database at `databasePath`, or throws ``JobQueueError/sqliteWorkerAlreadyRunning(lockPath:)``.
    public init(databasePath: String) throws(JobQueueError) {
        path = databasePath + ".worker-lock"
        descriptor = open(path, O_CREAT | O_RDWR, 0o644)
        guard descriptor >= 0 else { throw .sqliteWorkerAlreadyRunning(lockPath: path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .sqliteWorkerAlreadyRunning(lockPath: path)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
