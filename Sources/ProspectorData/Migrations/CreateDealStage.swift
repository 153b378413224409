import Fluent

/// Creates `deal_stages`.
public struct CreateDealStage: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DealStage.schema)
            .id()
            .field("apollo_id", .string, .required)
            .field("name", .string, .required)
            .field("display_order", .int, .required)
            .field("probability", .double)
            .field("is_won", .bool, .required)
            .field("is_closed", .bool, .required)
            .field("pipeline_id", .string)
            .field("updated_at", .datetime)
            .unique(on: "apollo_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DealStage.schema).delete()
    }
}
