import Fluent

/// Creates `apollo_rate_windows`: the governor's counters per Apollo route and window, shared by every process.
public struct CreateApolloRateWindow: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("apollo_rate_windows")
            .field("route", .string, .required)
            .field("window_name", .string, .required)
            .field("used", .int, .required)
            .field("opened_at", .double)
            .compositeIdentifier(over: "route", "window_name")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema("apollo_rate_windows").delete()
    }
}
