import DatabaseSupport
import FluentKit
import PostgresNIO
import SQLKit

/// Runs read-modify-write steps on shared Apollo state one at a time: across processes on PostgreSQL (a
/// transaction-scoped advisory lock named after `name`), within the process on SQLite (one process per file).
struct SharedStateLock: Sendable {
    let database: any Database
    private let local = AsyncMutex()

    init(database: any Database) { self.database = database }

    func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if database is any PostgresDatabase {
            return try await database.safeTransaction { transaction in
                let sql = transaction as! any SQLDatabase
                try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "prospector:" + name)))").run()
                return try await body(sql)
            }
        }
        return try await local.withLock {
            try await database.safeTransaction { try await body($0 as! any SQLDatabase) }
        }
    }
}
