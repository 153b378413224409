import ApolloIOClient

/// What the API and the CLI show of credits: spend by everyone, by one key and by endpoint, the caps, what they leave.
public struct CreditReport: Sendable, Equatable {
    public var all: CreditUsage
    /// The asking key's spend, when a key asked.
    public var thisKey: CreditUsage?
    /// By Apollo endpoint (the kind of spend); this month's endpoints, with today's share.
    public var byEndpoint: [String: CreditUsage]
    public var budget: CreditBudget
    /// The least any applicable cap leaves today / this month; nil when no cap applies.
    public var remainingToday: Double?
    public var remainingThisMonth: Double?
}
