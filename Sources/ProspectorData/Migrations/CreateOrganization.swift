import Fluent

/// Creates `organizations`.
public struct CreateOrganization: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Organization.schema)
            .id()
            .field("apollo_id", .string)
            .field("primary_domain", .string)
            .field("name", .string, .required)
            .field("industry", .string)
            .field("employee_count", .int)
            .field("annual_revenue", .double)
            .field("city", .string)
            .field("state", .string)
            .field("country", .string)
            .field("raw_json", .string)
            .field("enriched_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "apollo_id")
            .unique(on: "primary_domain")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Organization.schema).delete()
    }
}
