import Fluent

/// Adds `endpoint` to `enrichment_attempts`: the Apollo route that answered (single or bulk match), shown in a
/// contact's enrichment history. Earlier rows keep none: which call answered them was not recorded.
public struct AddEndpointToEnrichmentAttempt: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema).field("endpoint", .string).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema).deleteField("endpoint").update()
    }
}
