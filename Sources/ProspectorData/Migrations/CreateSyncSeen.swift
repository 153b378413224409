import Fluent

/// Creates `sync_seen`: the Apollo ids a full sync run has read so far, per object (kept across a resumed run).
public struct CreateSyncSeen: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("sync_seen")
            .field("object", .string, .required)
            .field("apollo_id", .string, .required)
            .compositeIdentifier(over: "object", "apollo_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("sync_seen").delete()
    }
}
