import ApolloIOClient
import Configuration

/// How the Apollo request pipeline behaves: the plan's limits, how windows are shared, the breaker, retries, cache
/// lifetimes and credit budgets. Every value has a default; see the README's configuration table.
public struct ResilienceSettings: Sendable {
    public var plan: RateLimitPlan
    public var governor: GovernorPolicy
    public var breaker: BreakerPolicy
    public var retry: RetryPolicy
    /// Cache policies by Apollo route.
    public var cachePolicies: [String: CachePolicy]
    public var budget: CreditBudget
    public var matchFreshnessDays: Double
    public var missFreshnessDays: Double
    /// How much faster than the wall clock Apollo's windows pass: 1 in production; tests and benchmarks against a
    /// time-scaled simulator set the simulator's scale.
    public var clockScale: Double
    /// Where a scaled clock starts to run faster (`APOLLO_CLOCK_ANCHOR`, epoch seconds): processes that share rate
    /// windows must share it. Nil: the start of the current UTC day.
    public var clockAnchor: Double?

    /// The clock the pipeline reasons in.
    public var clock: any ApolloClock { clockScale == 1 ? SystemApolloClock() : ScaledApolloClock(scale: clockScale, anchor: clockAnchor) }

    static func read(_ reader: ConfigReader) throws(ConfigurationError) -> ResilienceSettings {
        let planName = reader.string(forKey: "apollo.plan") ?? "basic"
        guard let plan = RateLimitPlan.named(planName) else {
            throw .invalid(key: "APOLLO_PLAN", value: planName, expected: "one of free, basic, professional, organization")
        }
        func number(_ key: ConfigKey, _ env: String, _ value: Double?, _ range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
            try AppConfiguration.number(reader, key, env: env, default: value, range: range)
        }
        func required(_ key: ConfigKey, _ env: String, _ value: Double, _ range: ClosedRange<Double>) throws(ConfigurationError) -> Double {
            try number(key, env, value, range) ?? value
        }
        var cache = ApolloPipeline.defaultCachePolicies
        let ttls: [(ConfigKey, String, [ApolloEndpoint])] = [
            ("cache.organizationEnrichSeconds", "CACHE_ORGANIZATION_ENRICH_SECONDS", [.organizationEnrich]),
            ("cache.organizationSearchSeconds", "CACHE_ORGANIZATION_SEARCH_SECONDS", [.organizationSearch]),
            ("cache.peopleSearchSeconds", "CACHE_PEOPLE_SEARCH_SECONDS", [.peopleSearch]),
            ("cache.stagesSeconds", "CACHE_STAGES_SECONDS", [.contactStages, .accountStages, .opportunityStages]),
            ("cache.usersSeconds", "CACHE_USERS_SECONDS", [.usersSearch]),
        ]
        for (key, env, endpoints) in ttls {
            guard let seconds = try number(key, env, nil, 0...31_536_000) else { continue }
            for endpoint in endpoints { cache[endpoint.route] = CachePolicy(ttlSeconds: seconds, staleSeconds: seconds) }
        }
        let interactiveShare = try required("apollo.interactiveShare", "APOLLO_INTERACTIVE_SHARE", 0.2, 0...0.9)
        return ResilienceSettings(
            plan: plan,
            governor: GovernorPolicy(
                interactiveShare: interactiveShare,
                interactiveMaxWait: try required("apollo.interactiveMaxWaitSeconds", "APOLLO_INTERACTIVE_MAX_WAIT_SECONDS", 5, 0...300),
                backgroundMaxWait: try required("apollo.backgroundMaxWaitSeconds", "APOLLO_BACKGROUND_MAX_WAIT_SECONDS", 90, 0...3_600),
                lending: try lending(reader, interactiveShare: interactiveShare)),
            breaker: BreakerPolicy(
                failureThreshold: try AppConfiguration.integer(
                    reader, "apollo.breakerFailures", env: "APOLLO_BREAKER_FAILURES", default: 5, range: 1...1_000),
                coolDownSeconds: try required("apollo.breakerCooldownSeconds", "APOLLO_BREAKER_COOLDOWN_SECONDS", 30, 1...3_600)),
            retry: RetryPolicy(
                maxAttempts: try AppConfiguration.integer(
                    reader, "apollo.retryMaxAttempts", env: "APOLLO_RETRY_MAX_ATTEMPTS", default: 4, range: 1...20)),
            cachePolicies: cache,
            budget: CreditBudget(
                dailyCap: try number("credits.dailyCap", "CREDITS_DAILY_CAP", nil, 0...1e12),
                monthlyCap: try number("credits.monthlyCap", "CREDITS_MONTHLY_CAP", nil, 0...1e12),
                perKeyDailyCap: try number("credits.perKeyDailyCap", "CREDITS_PER_KEY_DAILY_CAP", nil, 0...1e12),
                perKeyMonthlyCap: try number("credits.perKeyMonthlyCap", "CREDITS_PER_KEY_MONTHLY_CAP", nil, 0...1e12)),
            matchFreshnessDays: try required("enrichment.matchFreshDays", "ENRICHMENT_MATCH_FRESH_DAYS", 90, 0...3_650),
            missFreshnessDays: try required("enrichment.missFreshDays", "ENRICHMENT_MISS_FRESH_DAYS", 30, 0...3_650),
            clockScale: try required("apollo.clockScale", "APOLLO_CLOCK_SCALE", 1, 0.001...100_000),
            clockAnchor: try number("apollo.clockAnchor", "APOLLO_CLOCK_ANCHOR", nil, 0...1e11))
    }

    /// The reserve's lending (`APOLLO_RESERVE_*`), or nil when `APOLLO_RESERVE_LENDING=false`.
    private static func lending(_ reader: ConfigReader, interactiveShare: Double) throws(ConfigurationError) -> ReserveLending? {
        guard try AppConfiguration.boolean(reader, "apollo.reserveLending", env: "APOLLO_RESERVE_LENDING", default: true) else { return nil }
        let defaults = ReserveLending()
        // Unset, the floor is the default or the whole reserve when that is smaller (a share of 0 lends nothing).
        let floor =
            try AppConfiguration.number(reader, "apollo.reserveFloorShare", env: "APOLLO_RESERVE_FLOOR_SHARE", default: nil, range: 0...0.9)
            ?? min(defaults.floorShare, interactiveShare)
        guard floor <= interactiveShare else {
            throw .invalid(key: "APOLLO_RESERVE_FLOOR_SHARE", value: "\(floor)", expected: "at most APOLLO_INTERACTIVE_SHARE (\(interactiveShare))")
        }
        return ReserveLending(
            floorShare: floor,
            lateShare: try AppConfiguration.number(
                reader, "apollo.reserveLendLateShare", env: "APOLLO_RESERVE_LEND_LATE_SHARE", default: defaults.lateShare, range: 0.01...1)
                ?? defaults.lateShare,
            quietSeconds: try AppConfiguration.number(
                reader, "apollo.reserveQuietSeconds", env: "APOLLO_RESERVE_QUIET_SECONDS", default: defaults.quietSeconds, range: 0...86_400)
                ?? defaults.quietSeconds)
    }
}
