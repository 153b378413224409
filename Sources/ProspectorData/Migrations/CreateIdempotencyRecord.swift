import Fluent

/// Creates `idempotency_records`, one per API key and `Idempotency-Key`.
public struct CreateIdempotencyRecord: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema)
            .id()
            .field("api_key_id", .uuid, .required)
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .int, .required)
            .field("body", .data)
            .field("content_type", .string)
            .field("location", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "api_key_id", "key")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecord.schema).delete()
    }
}
