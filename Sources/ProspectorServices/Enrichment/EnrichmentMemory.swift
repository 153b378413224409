import ProspectorData

/// The memory that lets us never pay twice: in memory for one process, in SQL (``SQLEnrichmentMemory``) when shared.
public protocol EnrichmentMemory: Sendable {
    /// The latest remembered answer for each key that has one.
    func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment]
    func remember(_ entries: [RememberedEnrichment]) async throws
}

extension SQLEnrichmentMemory: EnrichmentMemory {}

/// A memory for one process.
public actor InMemoryEnrichmentMemory: EnrichmentMemory {
    private var entries: [String: RememberedEnrichment] = [:]

    public init() {}

    public func recall(_ keys: [String]) -> [String: RememberedEnrichment] {
        keys.reduce(into: [:]) { found, key in found[key] = entries[key] }
    }

    public func remember(_ new: [RememberedEnrichment]) {
        for entry in new { entries[entry.identityKey] = entry }
    }
}
