/// What we learned the last time a person was enriched: a match (with the person) or a miss.
public struct RememberedEnrichment: Sendable, Equatable {
    /// ``EnrichmentIdentity/key(_:options:)`` of the request.
    public var identityKey: String
    /// The matched person; nil for a miss.
    public var person: Person?
    /// Credits the call charged for this person.
    public var credits: Double
    public var at: Double

    public init(identityKey: String, person: Person?, credits: Double, at: Double) {
        self.identityKey = identityKey
        self.person = person
        self.credits = credits
        self.at = at
    }
}

/// The memory that lets us never pay twice: in memory for one process, in SQL (``EnrichmentAttempt``) when shared.
public protocol EnrichmentMemory: Sendable {
    /// The latest remembered answer for each key that has one.
    func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment]
    func remember(_ entries: [RememberedEnrichment]) async throws
}

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
