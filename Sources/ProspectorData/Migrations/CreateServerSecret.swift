import Fluent

/// Creates `server_secrets`, keyed by name.
public struct CreateServerSecret: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(ServerSecret.schema)
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(ServerSecret.schema).delete()
    }
}
