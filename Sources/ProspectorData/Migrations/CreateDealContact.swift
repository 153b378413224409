import Fluent

/// Creates `deal_contacts`.
public struct CreateDealContact: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(DealContact.schema)
            .id()
            .field("deal_id", .uuid, .required, .references(Deal.schema, "id", onDelete: .cascade))
            .field("contact_id", .uuid, .required, .references(Contact.schema, "id", onDelete: .cascade))
            .unique(on: "deal_id", "contact_id")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(DealContact.schema).delete()
    }
}
