import Fluent

/// Creates `enrichment_claims`: who is asking Apollo about an identity right now, and until when, so that two
/// processes asked for the same person at once pay once (``SQLEnrichmentMemory/claim(_:owner:until:now:)``).
public struct CreateEnrichmentClaim: AsyncMigration {
    public static let schema = "enrichment_claims"

    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Self.schema)
            .field("identity_key", .string, .required)
            .field("owner", .string, .required)
            .field("expires_at", .double, .required)
            .unique(on: "identity_key")
            .create()
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Self.schema).delete()
    }
}
