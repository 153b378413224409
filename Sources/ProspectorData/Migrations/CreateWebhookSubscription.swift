import Fluent

/// Creates `webhook_subscriptions`.
public struct CreateWebhookSubscription: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(WebhookSubscription.schema)
            .id()
            .field("url", .string, .required)
            .field("secret", .string, .required)
            .field("event_types", .array(of: .string), .required)
            .field("active", .bool, .required)
            .field("disabled_reason", .string)
            .field("consecutive_failures", .int, .required)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(WebhookSubscription.schema).delete()
    }
}
