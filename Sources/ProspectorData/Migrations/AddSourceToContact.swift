import Fluent

/// Adds `source` to `contacts`: `crm` for the team's Apollo contacts (synced), `enrichment` for people we enriched.
/// Only CRM contacts can be found deleted by a sync reconciliation.
public struct AddSourceToContact: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Contact.schema).field("source", .string).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Contact.schema).deleteField("source").update()
    }
}
