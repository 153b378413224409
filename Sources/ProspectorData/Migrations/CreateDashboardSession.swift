import Fluent

/// Creates `dashboard_sessions`, the dashboard's signed-in browsers.
public struct CreateDashboardSession: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DashboardSession.schema)
            .id()
            .field("token_digest", .string, .required)
            .field("api_key_id", .uuid, .required, .references(APIKey.schema, .id, onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DashboardSession.schema).delete()
    }
}
