import ApolloIOClient

/// What services need from the configuration.
public struct ServiceSettings: Sendable {
    public var budget: CreditBudget
    public var stageRules: [StageRule]
    /// How long after a reveal's request its result is polled if no callback came.
    public var revealPollAfterSeconds: Double
    /// How long a match / a miss is answered from the enrichment memory.
    public var matchFreshnessSeconds: Double
    public var missFreshnessSeconds: Double
    /// The pipeline's clock: credit periods, enrichment freshness, job outcomes in Apollo's time.
    public var clock: any ApolloClock

    public init(
        budget: CreditBudget = CreditBudget(), stageRules: [StageRule] = [], revealPollAfterSeconds: Double = 600,
        matchFreshnessSeconds: Double = 90 * 86_400, missFreshnessSeconds: Double = 30 * 86_400,
        clock: any ApolloClock = SystemApolloClock()
    ) {
        self.budget = budget
        self.stageRules = stageRules
        self.revealPollAfterSeconds = revealPollAfterSeconds
        self.matchFreshnessSeconds = matchFreshnessSeconds
        self.missFreshnessSeconds = missFreshnessSeconds
        self.clock = clock
    }
}
