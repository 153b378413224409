import ProspectorData

/// The memory that lets us never pay twice: in memory for one process, in SQL (``SQLEnrichmentMemory``) when shared.
public protocol EnrichmentMemory: Sendable {
    /// The latest remembered answer for each key that has one.
    func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment]
    func remember(_ entries: [RememberedEnrichment]) async throws
    /// Claims the keys no one is asking Apollo about (or whose claim lapsed at `now`) for `owner` until `until`;
    /// returns the keys it got. The others are in flight elsewhere: their answer will be remembered.
    func claim(_ keys: [String], owner: String, until: Double, now: Double) async throws -> Set<String>
    /// Gives back `owner`'s claims on `keys`.
    func release(_ keys: [String], owner: String) async throws
}

extension SQLEnrichmentMemory: EnrichmentMemory {}
