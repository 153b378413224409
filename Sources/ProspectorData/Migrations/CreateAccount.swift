import Fluent

/// Creates `accounts`, unique by Apollo id.
public struct CreateAccount: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Account.schema)
            .id()
            .field("apollo_id", .string)
            .field("name", .string, .required)
            .field("domain", .string)
            .field("organization_apollo_id", .string)
            .field("stage", .string)
            .field("owner_id", .string)
            .field("raw_json", .string)
            .field("apollo_updated_at", .datetime)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "apollo_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Account.schema).delete()
    }
}
