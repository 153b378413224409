import ApolloIOClient
import Foundation

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
    /// The suppression list's hashing key (`SUPPRESSION_SECRET`, else one made once and kept in `server_secrets`).
    public var suppressionKey: Data
    /// Bulk enrichment whose worst case spends more credits than this waits for an admin's approval (nil: never).
    public var approvalThresholdCredits: Double?
    /// How long a request waits for approval before it expires.
    public var approvalTTLSeconds: Double
    /// How long each kind of stored data is kept.
    public var retention: RetentionPolicy
    /// The plan profile the governor starts from: the limits shown for a group Apollo has not reported on yet.
    public var ratePlan: RateLimitPlan
    /// How long a dashboard sign-in lasts.
    public var dashboardSessionSeconds: Double

    public init(
        budget: CreditBudget = CreditBudget(), stageRules: [StageRule] = [], revealPollAfterSeconds: Double = 600,
        matchFreshnessSeconds: Double = 90 * 86_400, missFreshnessSeconds: Double = 30 * 86_400,
        clock: any ApolloClock = SystemApolloClock(), suppressionKey: Data = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }),
        approvalThresholdCredits: Double? = nil, approvalTTLSeconds: Double = 72 * 3_600, retention: RetentionPolicy = RetentionPolicy(),
        ratePlan: RateLimitPlan = .basic, dashboardSessionSeconds: Double = 12 * 3_600
    ) {
        self.ratePlan = ratePlan
        self.dashboardSessionSeconds = dashboardSessionSeconds
        self.budget = budget
        self.stageRules = stageRules
        self.revealPollAfterSeconds = revealPollAfterSeconds
        self.matchFreshnessSeconds = matchFreshnessSeconds
        self.missFreshnessSeconds = missFreshnessSeconds
        self.clock = clock
        self.suppressionKey = suppressionKey
        self.approvalThresholdCredits = approvalThresholdCredits
        self.approvalTTLSeconds = approvalTTLSeconds
        self.retention = retention
    }
}
