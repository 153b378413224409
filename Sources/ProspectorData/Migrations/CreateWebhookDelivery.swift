import Fluent

/// Creates `webhook_deliveries`, one per subscription and event.
public struct CreateWebhookDelivery: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(WebhookDelivery.schema)
            .id()
            .field("subscription_id", .uuid, .required, .references(WebhookSubscription.schema, "id", onDelete: .cascade))
            .field("event_id", .uuid, .required, .references(DomainEvent.schema, "id"))
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("response_code", .int)
            .field("last_error", .string)
            .field("delivered_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "subscription_id", "event_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(WebhookDelivery.schema).delete()
    }
}
