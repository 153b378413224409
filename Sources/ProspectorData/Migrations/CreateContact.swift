import Fluent

/// Creates `contacts`.
public struct CreateContact: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema)
            .id()
            .field("apollo_id", .string)
            .field("email", .string)
            .field("first_name", .string)
            .field("last_name", .string)
            .field("title", .string)
            .field("seniority", .string)
            .field("departments", .array(of: .string), .required)
            .field("phone_numbers", .array(of: .string), .required)
            .field("linkedin_url", .string)
            .field("organization_id", .uuid, .references(Organization.schema, "id", onDelete: .setNull))
            .field("stage", .string)
            .field("owner_id", .string)
            .field("raw_json", .string)
            .field("enriched_at", .datetime)
            .field("apollo_updated_at", .datetime)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "apollo_id")
            .unique(on: "email")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).delete()
    }
}
