import Fluent
import SQLKit

/// Creates `domain_events` (the outbox), indexed for the dispatcher.
public struct CreateDomainEvent: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DomainEvent.schema)
            .id()
            .field("type", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("payload", .string, .required)
            .field("occurred_at", .datetime, .required)
            .field("dispatched_at", .datetime)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "domain_events_pending").on(DomainEvent.schema)
            .column("dispatched_at").column("occurred_at").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DomainEvent.schema).delete()
    }
}
