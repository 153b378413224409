import ProspectorData

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
