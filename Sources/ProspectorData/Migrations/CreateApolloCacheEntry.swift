import Fluent
import SQLKit

/// Creates `apollo_cache_entries`: cached Apollo answers shared by every process.
public struct CreateApolloCacheEntry: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("apollo_cache_entries")
            .field("key", .string, .identifier(auto: false))
            .field("body", .data, .required)
            .field("status", .int, .required)
            .field("stored_at", .double, .required)
            .field("expires_at", .double, .required)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "apollo_cache_entries_expiry").on("apollo_cache_entries")
            .column("expires_at").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("apollo_cache_entries").delete()
    }
}
