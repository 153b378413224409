import Fluent

/// Creates `phone_reveals`, one row per asynchronous enrichment asked of Apollo.
public struct CreatePhoneReveal: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(PhoneReveal.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("apollo_request_id", .int64)
            .field("contact_ids", .array(of: .uuid), .required)
            .field("targets", .dictionary(of: .uuid), .required)
            .field("api_key_id", .string)
            .field("reservation_id", .string)
            .field("credits_reserved", .double, .required)
            .field("credits_consumed", .double)
            .field("delivered_via", .string)
            .field("phones_found", .int, .required)
            .field("emails_found", .int, .required)
            .field("failure_reason", .string)
            .field("result_json", .string)
            .field("poll_attempts", .int, .required)
            .field("completed_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "token_hash")
            .unique(on: "apollo_request_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(PhoneReveal.schema).delete()
    }
}
