import Fluent

/// Creates `apollo_rate_groups`: the limits learned per endpoint group and the block a 429 imposes on it.
public struct CreateApolloRateGroup: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("apollo_rate_groups")
            .field("group_name", .string, .identifier(auto: false))
            .field("minute_limit", .int)
            .field("hour_limit", .int)
            .field("day_limit", .int)
            .field("blocked_until", .double, .required)
            .field("blocked_window", .string)
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("apollo_rate_groups").delete()
    }
}
