import Fluent
import SQLKit

/// Creates `enrichment_attempts`, indexed by identity and time.
public struct CreateEnrichmentAttempt: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema)
            .id()
            .field("subject", .string, .required)
            .field("identity_key", .string, .required)
            .field("request_json", .string)
            .field("outcome", .string, .required)
            .field("apollo_id", .string)
            .field("credits_charged", .double, .required)
            .field("error", .string)
            .field("attempted_at", .datetime, .required)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "enrichment_attempts_identity").on(EnrichmentAttempt.schema)
            .column("subject").column("identity_key").column("attempted_at").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema).delete()
    }
}
