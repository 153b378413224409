import ProspectorData

/// The memory that lets us never pay twice: in memory for one process, in SQL (``SQLEnrichmentMemory``) when shared.
public protocol EnrichmentMemory: Sendable {
    /// The latest remembered answer for each key that has one.
    func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment]
    func remember(_ entries: [RememberedEnrichment]) async throws
}

extension SQLEnrichmentMemory: EnrichmentMemory {}
