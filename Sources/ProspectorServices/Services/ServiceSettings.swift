import ApolloIOClient

/// What services need from the configuration.
public struct ServiceSettings: Sendable {
    public var budget: CreditBudget
    public var stageRules: [StageRule]
    /// How long after a reveal's request its result is polled if no callback came.
    public var revealPollAfterSeconds: Double
    /// The pipeline's clock: credit periods, job outcomes in Apollo's time.
    public var clock: any ApolloClock

    public init(budget: CreditBudget = CreditBudget(), stageRules: [StageRule] = [], revealPollAfterSeconds: Double = 600,
                clock: any ApolloClock = SystemApolloClock()) {
        self.budget = budget
        self.stageRules = stageRules
        self.revealPollAfterSeconds = revealPollAfterSeconds
        self.clock = clock
    }
}

/// The Apollo side services call: the client (through the pipeline) and the enricher that never pays twice.
public struct ApolloAccess: Sendable {
    public let client: ApolloClient
    public let enricher: PeopleEnricher

    public init(client: ApolloClient, enricher: PeopleEnricher) {
        self.client = client
        self.enricher = enricher
    }
}
