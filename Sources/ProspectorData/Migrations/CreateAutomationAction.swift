import Fluent

/// Creates `automation_actions`, unique per event and action.
public struct CreateAutomationAction: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(AutomationAction.schema)
            .id()
            .field("event_id", .uuid, .required)
            .field("action_key", .string, .required)
            .field("outcome", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "event_id", "action_key")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(AutomationAction.schema).delete()
    }
}
