import Fluent

/// Adds `deleted_at` to `deals`: a deal Apollo no longer has is soft-deleted by the sync reconciliation.
public struct AddDeletedAtToDeal: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Deal.schema).field("deleted_at", .datetime).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Deal.schema).deleteField("deleted_at").update()
    }
}
