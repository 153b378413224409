import Metrics

/// The request pipeline of DESIGN.md around the transport: cache (coalescing concurrent misses) → circuit breaker →
/// rate governor → transport → headers to the governor → retry policy → stale cache on failure.
///
/// In front of it all, calls that spend credits reserve their worst case through ``credits`` (refused before anything
/// is sent when a cap would be crossed) and settle at what Apollo charged (``ApolloClient/send(_:query:body:idempotent:cost:as:)``).
public struct ApolloPipeline: Sendable {
    public var governor: RateGovernor
    public var breaker: CircuitBreaker
    public var retry: RetryPolicy
    public var cache: any ResponseCacheStore
    /// Cache policies by endpoint route (`ApolloEndpoint.route`); routes not listed are never cached.
    public var cachePolicies: [String: CachePolicy]
    /// Where credits are reserved and settled; nil spends without a ledger.
    public var credits: CreditGate?
    let coalescer = CallCoalescer()

    public init(
        governor: RateGovernor, breaker: CircuitBreaker, retry: RetryPolicy = RetryPolicy(),
        cache: any ResponseCacheStore, cachePolicies: [String: CachePolicy] = ApolloPipeline.defaultCachePolicies
    ) {
        self.governor = governor
        self.breaker = breaker
        self.retry = retry
        self.cache = cache
        self.cachePolicies = cachePolicies
    }

    /// A pipeline with in-memory state for one process.
    public static func inMemory(
        plan: RateLimitPlan, clock: any ApolloClock = SystemApolloClock(),
        policy: GovernorPolicy = GovernorPolicy(), breaker: BreakerPolicy = BreakerPolicy(),
        retry: RetryPolicy = RetryPolicy(), budget: CreditBudget = CreditBudget()
    ) -> ApolloPipeline {
        var pipeline = ApolloPipeline(
            governor: RateGovernor(store: InMemoryRateWindowStore(plan: plan), policy: policy, clock: clock),
            breaker: CircuitBreaker(policy: breaker, clock: clock), retry: retry, cache: InMemoryResponseCacheStore(clock: clock))
        pipeline.credits = CreditGate(ledger: InMemoryCreditLedger(), budget: budget, clock: clock)
        return pipeline
    }

    /// Organization enrichment 24 h, organization search 1 h, people search 15 min, stages and users 5 min;
    /// a stale entry may stand in for as long again when Apollo fails.
    public static let defaultCachePolicies: [String: CachePolicy] = {
        func policy(_ ttl: Double) -> CachePolicy { CachePolicy(ttlSeconds: ttl, staleSeconds: ttl) }
        return [
            ApolloEndpoint.organizationEnrich.route: policy(86_400),
            ApolloEndpoint.organizationSearch.route: policy(3_600),
            ApolloEndpoint.peopleSearch.route: policy(900),
            ApolloEndpoint.contactStages.route: policy(300),
            ApolloEndpoint.accountStages.route: policy(300),
            ApolloEndpoint.opportunityStages.route: policy(300),
            ApolloEndpoint.usersSearch.route: policy(300),
        ]
    }()

    /// Runs one request through the pipeline: the answer from the cache, an identical call in flight, or Apollo; `key`
    /// identifies identical requests (method, URL and body). The answer's ``ApolloResponse/cache`` says whether this
    /// call itself reached Apollo (and so paid).
    func execute(
        _ endpoint: ApolloEndpoint, key: String, idempotent: Bool,
        transport: @escaping @Sendable () async throws(ApolloError) -> ApolloResponse<[UInt8]>
    ) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        guard let policy = cachePolicies[endpoint.route] else {
            return try await attempts(endpoint, idempotent: idempotent, transport: transport)
        }
        let clock = governor.clock
        let cached = try? await cache.entry(key)
        if let cached, clock.now() - cached.storedAt < policy.ttlSeconds {
            count("apollo_cache_hits_total", endpoint)
            return ApolloResponse(value: cached.body, status: cached.status, rateLimit: RateLimitStatus(), cache: .fresh)
        }
        count("apollo_cache_misses_total", endpoint)
        do {
            let (response, shared) = try await coalescer.run(key) { [self] () async throws(ApolloError) -> ApolloResponse<[UInt8]> in
                let response = try await attempts(endpoint, idempotent: idempotent, transport: transport)
                let stored = CachedResponse(body: response.value, status: response.status, storedAt: clock.now())
                try? await cache.store(key, stored, expiresAt: stored.storedAt + policy.ttlSeconds + policy.staleSeconds)
                return response
            }
            guard shared else { return response }
            count("apollo_cache_coalesced_total", endpoint)
            var copy = response
            copy.cache = .shared
            return copy
        } catch {
            guard error.isTransient, let cached, clock.now() - cached.storedAt < policy.ttlSeconds + policy.staleSeconds else { throw error }
            count("apollo_cache_stale_total", endpoint)
            return ApolloResponse(value: cached.body, status: cached.status, rateLimit: RateLimitStatus(), cache: .stale)
        }
    }

    private func attempts(
        _ endpoint: ApolloEndpoint, idempotent: Bool,
        transport: @Sendable () async throws(ApolloError) -> ApolloResponse<[UInt8]>
    ) async throws(ApolloError) -> ApolloResponse<[UInt8]> {
        let priority = ApolloCallContext.current.priority
        var attempt = 0
        while true {
            attempt += 1
            try breaker.admit()
            do {
                try await governor.acquire(endpoint, priority: priority)
            } catch {
                breaker.abandon()
                throw error
            }
            do {
                let response = try await transport()
                Counter(label: "apollo_calls_total", dimensions: [("route", endpoint.route), ("status", String(response.status))]).increment()
                breaker.record(upstreamFailed: false)
                await governor.observe(endpoint, status: response.rateLimit)
                return response
            } catch {
                Counter(label: "apollo_calls_total", dimensions: [("route", endpoint.route), ("status", error.statusLabel)]).increment()
                breaker.record(upstreamFailed: error.isUpstreamFailure)
                if case .rateLimited(let rejection) = error {
                    Counter(label: "apollo_rate_limited_total", dimensions: [("route", endpoint.route)]).increment()
                    await governor.rejected(endpoint, rejection)
                }
                guard retry.shouldRetry(error, attempt: attempt, idempotent: idempotent) else { throw error }
                Counter(label: "apollo_retries_total", dimensions: [("route", endpoint.route)]).increment()
                if case .rateLimited = error { continue }  // the governor now holds the group until the reset
                do { try await governor.clock.sleep(seconds: retry.delay(afterAttempt: attempt)) } catch {
                    throw .transport(description: "cancelled during backoff")
                }
            }
        }
    }

    private func count(_ label: String, _ endpoint: ApolloEndpoint) {
        Counter(label: label, dimensions: [("route", endpoint.route)]).increment()
    }
}
