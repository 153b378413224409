import Fluent
import SQLKit

/// Creates `audit_logs`, indexed by entity and by time.
public struct CreateAuditLog: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AuditLog.schema)
            .id()
            .field("occurred_at", .datetime, .required)
            .field("actor_type", .string, .required)
            .field("actor_id", .string)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("request_id", .string)
            .create()
        try await (database as? any SQLDatabase)?.create(index: "audit_logs_entity").on(AuditLog.schema)
            .column("entity_type").column("entity_id").run()
        try await (database as? any SQLDatabase)?.create(index: "audit_logs_occurred_at").on(AuditLog.schema).column("occurred_at").run()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AuditLog.schema).delete()
    }
}
