import ProspectorData

/// A memory for one process.
public actor InMemoryEnrichmentMemory: EnrichmentMemory {
    private var entries: [String: RememberedEnrichment] = [:]
    private var claims: [String: (owner: String, until: Double)] = [:]

    public init() {}

    public func recall(_ keys: [String]) -> [String: RememberedEnrichment] {
        keys.reduce(into: [:]) { found, key in found[key] = entries[key] }
    }

    public func remember(_ new: [RememberedEnrichment]) {
        for entry in new { entries[entry.identityKey] = entry }
    }

    public func claim(_ keys: [String], owner: String, until: Double, now: Double) -> Set<String> {
        Set(
            keys.filter { key in
                guard (claims[key]?.until ?? 0) < now else { return false }
                claims[key] = (owner, until)
                return true
            })
    }

    public func release(_ keys: [String], owner: String) {
        for key in keys where claims[key]?.owner == owner { claims[key] = nil }
    }
}
