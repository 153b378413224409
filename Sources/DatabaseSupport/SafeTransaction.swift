import FluentKit
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO
import Synchronization

extension Database {
    /// A transaction that never strands its pooled connection when PostgreSQL goes away mid-transaction.
    ///
    /// PostgresNIO 1.33 drops a statement written to a connection whose channel has already closed without ever
    /// completing it. Fluent's `transaction` then waits on that statement forever and keeps the connection leased, so
    /// after a server restart a worker's pool can end up permanently exhausted. Here every step of the transaction is
    /// raced against the connection closing: the transaction fails with ``DatabaseConnectionClosed`` as soon
    /// as the connection is gone, the lease is returned and the pool replaces the connection. Whether a COMMIT in
    /// flight at that moment took effect is the server's to decide; either way the transaction is atomic.
    ///
    /// On SQLite the process's transactions run one at a time: two transactions that both read and then write can
    /// deadlock, and SQLite fails one at once with "database is locked" (its busy handler is not asked). Waiting is
    /// asynchronous, so no thread of the blocking pool is held. (`BEGIN IMMEDIATE` was tried: the write lock then
    /// spans the transaction's awaits, and SQLiteNIO's spinning busy handler filled the two-thread pool until the
    /// holder could not run.) Inside a transaction it simply runs `body`.
    public func safeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction else { return try await body(self) }
        guard self is any PostgresDatabase else { return try await SQLiteTransactions.run(on: self, body) }
        return try await withConnection { (session: any Database) async throws -> T in
            let connection = try await (session as! any PostgresDatabase).withConnection { $0.eventLoop.makeSucceededFuture($0) }.get()
            let transaction = session as! any SQLDatabase
            return try await ClosingConnections.shared.failingOnClose(connection) {
                try await transaction.raw("BEGIN").run()
                do {
                    let result = try await body(session)
                    try await transaction.raw("COMMIT").run()
                    return result
                } catch {
                    if !connection.isClosed { try? await transaction.raw("ROLLBACK").run() }
                    throw error
                }
            }
        }
    }
}

/// SQLite transactions: one at a time in the process, and started again when SQLite reports that a write from
/// outside the transaction (an autocommit statement of another connection) made its snapshot stale — in WAL mode
/// such a transaction can only be retried, not waited for.
enum SQLiteTransactions {
    static let gate = AsyncMutex()
    static let attempts = 5

    static func run<T: Sendable>(on database: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await gate.withLock {
            var attempt = 1
            while true {
                do {
                    return try await database.transaction(body)
                } catch let error as SQLiteError where attempt < attempts && [.busy, .busyInSnapshot, .locked].contains(error.reason) {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(5 * attempt))
                }
            }
        }
    }
}

/// The database connection closed while a transaction ran on it; the transaction did not complete here.
public struct DatabaseConnectionClosed: Error, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "the database connection closed during the transaction" }
}

/// Fails the work running on a connection when the connection closes, with one close callback per connection
/// (registering one per transaction would grow the callback list of a long-lived connection without bound).
final class ClosingConnections: Sendable {
    static let shared = ClosingConnections()

    private struct Watched {
        var waiters: [Int: OneShot<Result<any Sendable, any Error>>] = [:]
    }
    private let watched = Mutex<(byConnection: [PostgresConnection.ID: Watched], nextWaiter: Int)>(([:], 0))

    func failingOnClose<T: Sendable>(_ connection: PostgresConnection, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = OneShot<Result<any Sendable, any Error>>()
        let (waiter, firstSight) = watched.withLock { watched -> (Int, Bool) in
            watched.nextWaiter += 1
            let isNew = watched.byConnection[connection.id] == nil
            watched.byConnection[connection.id, default: Watched()].waiters[watched.nextWaiter] = outcome
            return (watched.nextWaiter, isNew)
        }
        if firstSight {
            connection.closeFuture.whenComplete { [self] _ in
                let waiters = watched.withLock { $0.byConnection.removeValue(forKey: connection.id)?.waiters.values.map { $0 } ?? [] }
                for waiter in waiters { waiter.fulfil(.failure(DatabaseConnectionClosed())) }
            }
        }
        if connection.isClosed { outcome.fulfil(.failure(DatabaseConnectionClosed())) }
        // Unstructured on purpose: a statement stuck on the closed connection never returns, and a child task
        // would keep this call (and the pooled connection) waiting for it.
        Task {
            let result: Result<any Sendable, any Error>
            do { result = .success(try await work()) } catch { result = .failure(error) }
            outcome.fulfil(result)
        }
        let result = await outcome.value
        watched.withLock { _ = $0.byConnection[connection.id]?.waiters.removeValue(forKey: waiter) }
        return try result.get() as! T
    }
}
