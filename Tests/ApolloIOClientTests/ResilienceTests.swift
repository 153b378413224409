import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The request pipeline against the simulator over HTTP. Time is driven: the pipeline's clock and the simulator's
/// move together, by the test or by the pipeline's own waits, so a window passes in no real time and no load on
/// the machine can make one lapse mid-test.
@Suite struct ResilienceTests {
    private func simulator(standard: WindowLimits) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 40))
        configuration.plan.standard = standard
        return configuration
    }

    private func pipeline(
        standard: GroupLimits, policy: GovernorPolicy = GovernorPolicy(), breaker: BreakerPolicy = BreakerPolicy(),
        retry: RetryPolicy = RetryPolicy(baseDelaySeconds: 0.2)
    ) -> (DrivenClock) -> ApolloPipeline {
        { clock in
            var plan = RateLimitPlan.basic
            plan.groups[.standard] = standard
            return .inMemory(plan: plan, clock: clock, policy: policy, breaker: breaker, retry: retry)
        }
    }

    private let search = ContactSearchRequest(perPage: 1)
    private let contactSearchRoute = ApolloEndpoint.contactSearch.route

    @Test func governor_waitsForTheMinuteWindow_withoutA429() async throws {
        try await SimulatorHarness.withDrivenTime(
            simulator(standard: WindowLimits(minute: 4, hour: 100, day: 1_000)),
            pipeline: pipeline(standard: GroupLimits(minute: 4, hour: 100, day: 1_000))
        ) { server, client, clock in
            let started = clock.now()
            for _ in 0..<9 { _ = try await client.searchContacts(search) }
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 9)
            #expect(await server.engine.rateLimitedCalls == 0)
            // Nine calls at four a minute span three windows: the governor waited for two resets.
            let waited = clock.now() - started
            #expect(waited >= 120 && waited < 150, "the governor waited \(waited) s of Apollo's time (less than another window)")
        }
    }

    @Test func backgroundCalls_leaveTheInteractiveShare() async throws {
        let policy = GovernorPolicy(interactiveShare: 0.3, interactiveMaxWait: 1, backgroundMaxWait: 1)
        try await SimulatorHarness.withDrivenTime(
            simulator(standard: WindowLimits(minute: 10, hour: 100, day: 1_000)),
            pipeline: pipeline(standard: GroupLimits(minute: 10, hour: 100, day: 1_000), policy: policy)
        ) {
            server, client, clock in
            for _ in 0..<7 { _ = try await client.searchContacts(search) }
            let refused = await apolloError { try await client.searchContacts(search) }
            guard case .rateLimited(let rejection)? = refused else {
                Issue.record("background call not refused: \(String(describing: refused))")
                return
            }
            #expect(rejection.window == .minute)
            #expect(rejection.retryAfterSeconds > 1 && rejection.retryAfterSeconds <= 60)
            try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: "k1")) {
                for _ in 0..<3 { _ = try await client.searchContacts(search) }
                // The window is now full for everyone: an interactive call fails at once instead of waiting a minute.
                let before = clock.now()
                let full = await apolloError { try await client.searchContacts(search) }
                #expect(clock.now() - before < 1, "no time passed waiting")
                guard case .rateLimited(let rejection)? = full else {
                    Issue.record("interactive call not refused: \(String(describing: full))")
                    return
                }
                #expect(rejection.retryAfterSeconds > 1)
            }
            #expect(await server.engine.callCount(route: contactSearchRoute) == 10)
            #expect(await server.engine.rateLimitedCalls == 0)
        }
    }

    @Test func exhaustedHourWindow_failsBackgroundCallsWithTheResetTime() async throws {
        try await SimulatorHarness.withDrivenTime(
            simulator(standard: WindowLimits(minute: 100, hour: 3, day: 1_000)),
            pipeline: pipeline(
                standard: GroupLimits(minute: 100, hour: 3, day: 1_000),
                policy: GovernorPolicy(interactiveShare: 0))
        ) { server, client, _ in
            for _ in 0..<3 { _ = try await client.searchContacts(search) }
            let refused = await apolloError { try await client.searchContacts(search) }
            guard case .rateLimited(let rejection)? = refused else {
                Issue.record("not refused: \(String(describing: refused))")
                return
            }
            #expect(rejection.window == .hour)
            #expect(rejection.retryAfterSeconds > 3_000 && rejection.retryAfterSeconds <= 3_600, "a job snoozes until the hour resets")
            #expect(await server.engine.callCount(route: contactSearchRoute) == 3)
        }
    }

    @Test(arguments: [true, false])
    func a429_blocksTheGroupUntilTheWindowNamed_thenTheCallSucceeds(retryAfter: Bool) async throws {
        try await SimulatorHarness.withDrivenTime(
            simulator(standard: WindowLimits(minute: 100, hour: 1_000, day: 10_000)),
            pipeline: pipeline(standard: GroupLimits(minute: 100, hour: 1_000, day: 10_000))
        ) { server, client, clock in
            await server.engine.setRetryAfter(retryAfter)
            var faults = FaultSettings()
            faults.rateLimitBurst = 1
            await server.engine.setFaults(faults)
            let started = clock.now()
            let page = try await client.searchContacts(search)
            let waited = clock.now() - started
            #expect(page.status == 200)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 429) == 1)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 1)
            // The burst names the minute window: with Retry-After the client waits what it says (the rest of the
            // simulator's minute), without it the whole minute.
            #expect(waited > (retryAfter ? 0 : 59) && waited < 90, "waited \(waited) s (less than another window)")
        }
    }

    @Test func breaker_opensDuringAnOutage_failsFast_andClosesAfterAProbe() async throws {
        let pipeline = pipeline(
            standard: GroupLimits(minute: 1_000, hour: 10_000, day: 100_000),
            breaker: BreakerPolicy(failureThreshold: 3, coolDownSeconds: 30), retry: RetryPolicy(maxAttempts: 1))
        var breaker: CircuitBreaker?
        let keepingTheBreaker = { (clock: DrivenClock) -> ApolloPipeline in
            let made = pipeline(clock)
            breaker = made.breaker
            return made
        }
        try await SimulatorHarness.withDrivenTime(
            simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)), pipeline: keepingTheBreaker
        ) { server, client, clock in
            await server.engine.startOutage(seconds: 3_600)
            for _ in 0..<3 {
                let failure = await apolloError { try await client.searchContacts(search) }
                #expect(failure?.isUpstreamFailure == true, "\(String(describing: failure))")
            }
            let fast = await apolloError { try await client.searchContacts(search) }
            guard case .circuitOpen? = fast else {
                Issue.record("breaker not open: \(String(describing: fast))")
                return
            }
            #expect(await server.engine.callCount(route: contactSearchRoute) == 3, "an open breaker sends nothing")
            // The cool-down ends while the outage lasts: the probe fails and the breaker re-opens.
            await clock.advance(31)
            #expect(await apolloError { try await client.searchContacts(search) }?.isUpstreamFailure == true)
            guard case .circuitOpen? = await apolloError({ try await client.searchContacts(search) }) else {
                Issue.record("breaker did not re-open after a failed probe")
                return
            }
            // Once the outage is over and another cool-down has passed, the probe succeeds and the breaker closes.
            await server.engine.setFaults(FaultSettings())
            await clock.advance(31)
            _ = try await client.searchContacts(search)
            _ = try await client.searchContacts(search)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 2)
            #expect(breaker?.current == .closed(consecutiveFailures: 0))
        }
    }

    @Test func transientFailures_areRetriedWithBackoff_butCreatesWithoutDedupeAreNot() async throws {
        let pipeline = pipeline(
            standard: GroupLimits(minute: 1_000, hour: 10_000, day: 100_000),
            breaker: BreakerPolicy(failureThreshold: 100), retry: RetryPolicy(maxAttempts: 6, baseDelaySeconds: 10, maxDelaySeconds: 20))
        try await SimulatorHarness.withDrivenTime(simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)), pipeline: pipeline) {
            server, client, clock in
            // An outage of five seconds of Apollo's time: the backoff (10–20 s, full jitter) carries the retries past it.
            await server.engine.startOutage(seconds: 5)
            let started = clock.now()
            let page = try await client.searchContacts(search)
            #expect(page.status == 200)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 503) >= 1)
            #expect(clock.now() - started >= 5, "the retries waited out the outage in Apollo's time")
            await server.engine.startOutage(seconds: 3_600)
            let created = await apolloError { try await client.createContact(ContactInput(firstName: "Ada", lastName: "Lovelace")) }
            #expect(created?.isUpstreamFailure == true)
            #expect(await server.engine.callCount(route: ApolloEndpoint.contactCreate.route) == 1, "a create without dedupe is sent once")
        }
    }

    @Test func identicalConcurrentMisses_shareOneCall_thenHitTheCache_andStaleServesDuringAnOutage() async throws {
        var configuration = simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000))
        configuration.plan.search = WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)
        let caching = { (clock: DrivenClock) -> ApolloPipeline in
            var plan = RateLimitPlan.basic
            plan.groups[.search] = GroupLimits(minute: 1_000, hour: 10_000, day: 100_000)
            var pipeline = ApolloPipeline.inMemory(plan: plan, clock: clock, retry: RetryPolicy(maxAttempts: 1))
            pipeline.cachePolicies[ApolloEndpoint.organizationSearch.route] = CachePolicy(ttlSeconds: 90, staleSeconds: 600)
            return pipeline
        }
        try await SimulatorHarness.withDrivenTime(configuration, pipeline: caching) { server, client, clock in
            var faults = FaultSettings()
            faults.latencyMilliseconds = 300
            await server.engine.setFaults(faults)
            let request = OrganizationSearchRequest(qOrganizationName: "a", perPage: 5)
            let route = ApolloEndpoint.organizationSearch.route
            let pages = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<100 { group.addTask { try await client.searchOrganizations(request).value.organizations?.count ?? -1 } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(pages.count == 100 && Set(pages).count == 1)
            #expect(await server.engine.callCount(route: route) == 1, "100 concurrent identical misses → one upstream call")
            let cached = try await client.searchOrganizations(request)
            #expect(cached.cache == .fresh)
            #expect(await server.engine.callCount(route: route) == 1)
            // Past the TTL and during an outage, the stale entry stands in.
            await clock.advance(91)
            await server.engine.setFaults(FaultSettings())
            await server.engine.startOutage(seconds: 600)
            let stale = try await client.searchOrganizations(request)
            #expect(stale.cache == .stale)
            #expect((stale.value.organizations?.count ?? -1) == pages[0])
            #expect(await server.engine.callCount(route: route, status: 503) == 1)
        }
    }
}
