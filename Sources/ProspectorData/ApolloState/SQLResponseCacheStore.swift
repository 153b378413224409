import ApolloIOClient
import FluentKit
import Foundation
import SQLKit

/// Cached Apollo answers in SQL, shared by every process on the database; expired rows are purged now and then.
public struct SQLResponseCacheStore: ResponseCacheStore {
    private let database: any Database
    private let clock: any ApolloClock

    public init(database: any Database, clock: any ApolloClock = SystemApolloClock()) {
        self.database = database
        self.clock = clock
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    public func entry(_ key: String) async throws -> CachedResponse? {
        guard
            let row = try await sql.raw(
                """
                SELECT body, status, stored_at FROM apollo_cache_entries WHERE key = \(bind: key) AND expires_at >= \(bind: clock.now())
                """
            ).first()
        else { return nil }
        return CachedResponse(
            body: Array(try row.decode(column: "body", as: Data.self)), status: try row.decode(column: "status", as: Int.self),
            storedAt: try row.decode(column: "stored_at", as: Double.self))
    }

    public func store(_ key: String, _ response: CachedResponse, expiresAt: Double) async throws {
        try await sql.raw(
            """
            INSERT INTO apollo_cache_entries (key, body, status, stored_at, expires_at)
            VALUES (\(bind: key), \(bind: Data(response.body)), \(bind: response.status), \(bind: response.storedAt), \(bind: expiresAt))
            ON CONFLICT (key) DO UPDATE SET body = excluded.body, status = excluded.status, stored_at = excluded.stored_at, expires_at = excluded.expires_at
            """
        ).run()
        if Int.random(in: 0..<200) == 0 {
            try await sql.raw("DELETE FROM apollo_cache_entries WHERE expires_at < \(bind: clock.now())").run()
        }
    }
}
