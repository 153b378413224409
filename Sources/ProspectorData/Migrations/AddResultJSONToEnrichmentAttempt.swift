import Fluent

/// Adds `result_json` to `enrichment_attempts`: the matched person, so that a fresh match is answered locally.
public struct AddResultJSONToEnrichmentAttempt: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema).field("result_json", .string).update()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(EnrichmentAttempt.schema).deleteField("result_json").update()
    }
}
