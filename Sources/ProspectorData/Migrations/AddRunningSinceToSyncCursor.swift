import Fluent

/// Adds `running_since` to `sync_cursors`: the claim that keeps two syncs of one object from running at once.
public struct AddRunningSinceToSyncCursor: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema).field("running_since", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(SyncCursor.schema).deleteField("running_since").update()
    }
}
