import Fluent

/// Creates `suppressions`, one keyed hash per suppressed email, domain or Apollo id.
public struct CreateSuppression: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Suppression.schema)
            .id()
            .field("kind", .string, .required)
            .field("digest", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .string)
            .field("created_at", .datetime)
            .unique(on: "digest")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Suppression.schema).delete()
    }
}
