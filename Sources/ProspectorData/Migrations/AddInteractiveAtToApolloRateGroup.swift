import Fluent

/// Adds `interactive_at` to `apollo_rate_groups`: when an API request last wanted a slot of the group, so that every
/// process stops lending the interactive reserve to background calls (`ReserveLending`).
public struct AddInteractiveAtToApolloRateGroup: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("apollo_rate_groups").field("interactive_at", .double).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("apollo_rate_groups").deleteField("interactive_at").update()
    }
}
