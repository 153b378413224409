import ApolloIOClient

/// What we learned the last time a person was enriched: a match (with the person) or a miss.
public struct RememberedEnrichment: Sendable, Equatable {
    /// The normalized identity of the request, e.g. `email:ada@example.com`.
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
