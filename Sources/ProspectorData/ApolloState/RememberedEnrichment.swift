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
    /// The Apollo route that answered; nil when recalled.
    public var endpoint: String?

    public init(identityKey: String, person: Person?, credits: Double, at: Double, endpoint: String? = nil) {
        self.endpoint = endpoint
        self.identityKey = identityKey
        self.person = person
        self.credits = credits
        self.at = at
    }
}
