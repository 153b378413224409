import Fluent

/// Creates `sync_cursors`, one row per synced object.
public struct CreateSyncCursor: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema)
            .id()
            .field("object", .string, .required)
            .field("watermark", .datetime)
            .field("checkpoint", .string)
            .field("last_run_at", .datetime)
            .field("last_status", .string)
            .field("last_counts", .string)
            .field("last_error", .string)
            .unique(on: "object")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema).delete()
    }
}
