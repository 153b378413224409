import Fluent

/// Creates `api_keys`.
public struct CreateAPIKey: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(APIKey.schema)
            .id()
            .field("name", .string, .required)
            .field("prefix", .string, .required)
            .field("secret_hash", .string, .required)
            .field("scopes", .array(of: .string), .required)
            .field("revoked_at", .datetime)
            .field("last_used_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "prefix")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(APIKey.schema).delete()
    }
}
