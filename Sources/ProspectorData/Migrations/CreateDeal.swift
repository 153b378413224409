import Fluent

/// Creates `deals`.
public struct CreateDeal: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Deal.schema)
            .id()
            .field("apollo_id", .string)
            .field("name", .string, .required)
            .field("amount", .double)
            .field("currency", .string)
            .field("stage_id", .uuid, .references(DealStage.schema, "id", onDelete: .setNull))
            .field("owner_id", .string)
            .field("account_apollo_id", .string)
            .field("organization_id", .uuid, .references(Organization.schema, "id", onDelete: .setNull))
            .field("close_date", .datetime)
            .field("raw_json", .string)
            .field("apollo_updated_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "apollo_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Deal.schema).delete()
    }
}
