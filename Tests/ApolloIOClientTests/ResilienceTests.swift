import ApolloIOClient
import ApolloIOSimulator
import Foundation
import Testing
import TestSupport

/// The request pipeline against the simulator over HTTP, on a time scale so that windows pass in seconds.
@Suite struct ResilienceTests {
    static let scale = 30.0  // a simulated minute passes in two real seconds

    private func simulator(standard: WindowLimits, scale: Double = Self.scale) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 40), timeScale: scale)
        configuration.plan.standard = standard
        return configuration
    }

    private func pipeline(standard: GroupLimits, policy: GovernorPolicy = GovernorPolicy(), breaker: BreakerPolicy = BreakerPolicy(),
                          retry: RetryPolicy = RetryPolicy(baseDelaySeconds: 0.2), scale: Double = Self.scale) -> ApolloPipeline {
        var plan = RateLimitPlan.basic
        plan.groups[.standard] = standard
        return .inMemory(plan: plan, clock: ScaledApolloClock(scale: scale), policy: policy, breaker: breaker, retry: retry)
    }

    private let search = ContactSearchRequest(perPage: 1)
    private let contactSearchRoute = ApolloEndpoint.contactSearch.route

    @Test func governor_waitsForTheMinuteWindow_withoutA429() async throws {
        let pipeline = pipeline(standard: GroupLimits(minute: 4, hour: 100, day: 1_000))
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 4, hour: 100, day: 1_000)), pipeline: pipeline) { server, client in
            let started = ContinuousClock.now
            for _ in 0..<9 { _ = try await client.searchContacts(search) }
            let elapsed = ContinuousClock.now - started
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 9)
            #expect(await server.engine.rateLimitedCalls == 0)
            // Nine calls at four a minute span three windows: at least two resets (two real seconds each).
            #expect(elapsed > .seconds(3.5), "the governor did not wait for the window: \(elapsed)")
        }
    }

    @Test func backgroundCalls_leaveTheInteractiveShare() async throws {
        // A minute of 20 real seconds: eleven calls must fall in one window even on a loaded machine (at two seconds a
        // minute, a busy CI run let the seventh call reach a fresh window).
        let pipeline = pipeline(standard: GroupLimits(minute: 10, hour: 100, day: 1_000),
                                policy: GovernorPolicy(interactiveShare: 0.3, interactiveMaxWait: 1, backgroundMaxWait: 1), scale: 3)
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 10, hour: 100, day: 1_000), scale: 3), pipeline: pipeline) {
            server, client in
            for _ in 0..<7 { _ = try await client.searchContacts(search) }
            let refused = await apolloError { try await client.searchContacts(search) }
            guard case .rateLimited(let rejection)? = refused else { Issue.record("background call not refused: \(String(describing: refused))"); return }
            #expect(rejection.window == .minute)
            #expect(rejection.retryAfterSeconds > 1 && rejection.retryAfterSeconds <= 60)
            try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: "k1")) {
                for _ in 0..<3 { _ = try await client.searchContacts(search) }
                // The window is now full for everyone: an interactive call fails at once instead of waiting a minute.
                let started = ContinuousClock.now
                let full = await apolloError { try await client.searchContacts(search) }
                #expect(ContinuousClock.now - started < .seconds(1))
                guard case .rateLimited(let rejection)? = full else { Issue.record("interactive call not refused: \(String(describing: full))"); return }
                #expect(rejection.retryAfterSeconds > 1)
            }
            #expect(await server.engine.callCount(route: contactSearchRoute) == 10)
            #expect(await server.engine.rateLimitedCalls == 0)
        }
    }

    @Test func exhaustedHourWindow_failsBackgroundCallsWithTheResetTime() async throws {
        let pipeline = pipeline(standard: GroupLimits(minute: 100, hour: 3, day: 1_000), policy: GovernorPolicy(interactiveShare: 0))
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 100, hour: 3, day: 1_000)), pipeline: pipeline) { server, client in
            for _ in 0..<3 { _ = try await client.searchContacts(search) }
            let refused = await apolloError { try await client.searchContacts(search) }
            guard case .rateLimited(let rejection)? = refused else { Issue.record("not refused: \(String(describing: refused))"); return }
            #expect(rejection.window == .hour)
            #expect(rejection.retryAfterSeconds > 3_000 && rejection.retryAfterSeconds <= 3_600, "a job snoozes until the hour resets")
            #expect(await server.engine.callCount(route: contactSearchRoute) == 3)
        }
    }

    @Test(arguments: [true, false])
    func a429_blocksTheGroupUntilTheWindowNamed_thenTheCallSucceeds(retryAfter: Bool) async throws {
        let pipeline = pipeline(standard: GroupLimits(minute: 100, hour: 1_000, day: 10_000))
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 100, hour: 1_000, day: 10_000)), pipeline: pipeline) { server, client in
            await server.engine.setRetryAfter(retryAfter)
            var faults = FaultSettings()
            faults.rateLimitBurst = 1
            await server.engine.setFaults(faults)
            let started = ContinuousClock.now
            let page = try await client.searchContacts(search)
            let elapsed = ContinuousClock.now - started
            #expect(page.status == 200)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 429) == 1)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 1)
            // The burst names the minute window: without Retry-After the client waits the whole minute (2 s real).
            #expect(elapsed > .milliseconds(retryAfter ? 10 : 1_800), "\(elapsed)")
        }
    }

    @Test func breaker_opensDuringAnOutage_failsFast_andClosesAfterAProbe() async throws {
        let pipeline = pipeline(standard: GroupLimits(minute: 1_000, hour: 10_000, day: 100_000),
                                breaker: BreakerPolicy(failureThreshold: 3, coolDownSeconds: 30), retry: RetryPolicy(maxAttempts: 1))
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)), pipeline: pipeline) { server, client in
            await server.engine.startOutage(seconds: 3_600)
            for _ in 0..<3 {
                let failure = await apolloError { try await client.searchContacts(search) }
                #expect(failure?.isUpstreamFailure == true, "\(String(describing: failure))")
            }
            let fast = await apolloError { try await client.searchContacts(search) }
            guard case .circuitOpen? = fast else { Issue.record("breaker not open: \(String(describing: fast))"); return }
            #expect(await server.engine.callCount(route: contactSearchRoute) == 3, "an open breaker sends nothing")
            // Cool-down (30 s simulated = 1 s real) ends while the outage lasts: the probe fails and the breaker re-opens.
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(await apolloError { try await client.searchContacts(search) }?.isUpstreamFailure == true)
            guard case .circuitOpen? = await apolloError({ try await client.searchContacts(search) }) else {
                Issue.record("breaker did not re-open after a failed probe"); return
            }
            // Once the outage is over and another cool-down has passed, the probe succeeds and the breaker closes.
            await server.engine.setFaults(FaultSettings())
            try await Task.sleep(for: .milliseconds(1_100))
            _ = try await client.searchContacts(search)
            _ = try await client.searchContacts(search)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 200) == 2)
            #expect(pipeline.breaker.current == .closed(consecutiveFailures: 0))
        }
    }

    @Test func transientFailures_areRetriedWithBackoff_butCreatesWithoutDedupeAreNot() async throws {
        let pipeline = pipeline(standard: GroupLimits(minute: 1_000, hour: 10_000, day: 100_000),
                                breaker: BreakerPolicy(failureThreshold: 100), retry: RetryPolicy(maxAttempts: 6, baseDelaySeconds: 10, maxDelaySeconds: 20))
        try await SimulatorHarness.withSimulator(simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)), pipeline: pipeline) { server, client in
            // The outage ends once the first attempt has met it: the call succeeds on a retry.
            await server.engine.startOutage(seconds: 3_600)
            let route = contactSearchRoute
            let ender = Task {
                while await server.engine.callCount(route: route, status: 503) == 0 { try await Task.sleep(for: .milliseconds(5)) }
                await server.engine.setFaults(FaultSettings())
            }
            let page = try await client.searchContacts(search)
            try await ender.value
            #expect(page.status == 200)
            #expect(await server.engine.callCount(route: contactSearchRoute, status: 503) >= 1)
            await server.engine.startOutage(seconds: 3_600)
            let created = await apolloError { try await client.createContact(ContactInput(firstName: "Ada", lastName: "Lovelace")) }
            #expect(created?.isUpstreamFailure == true)
            #expect(await server.engine.callCount(route: ApolloEndpoint.contactCreate.route) == 1, "a create without dedupe is sent once")
        }
    }

    @Test func identicalConcurrentMisses_shareOneCall_thenHitTheCache_andStaleServesDuringAnOutage() async throws {
        var plan = RateLimitPlan.basic
        plan.groups[.search] = GroupLimits(minute: 1_000, hour: 10_000, day: 100_000)
        var pipeline = ApolloPipeline.inMemory(plan: plan, clock: ScaledApolloClock(scale: Self.scale), retry: RetryPolicy(maxAttempts: 1))
        pipeline.cachePolicies[ApolloEndpoint.organizationSearch.route] = CachePolicy(ttlSeconds: 90, staleSeconds: 600)
        var configuration = simulator(standard: WindowLimits(minute: 1_000, hour: 10_000, day: 100_000))
        configuration.plan.search = WindowLimits(minute: 1_000, hour: 10_000, day: 100_000)
        try await SimulatorHarness.withSimulator(configuration, pipeline: pipeline) { server, client in
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
            // Past the TTL (90 s simulated = 3 s real) and during an outage, the stale entry stands in.
            try await Task.sleep(for: .milliseconds(3_200))
            await server.engine.setFaults(FaultSettings())
            await server.engine.startOutage(seconds: 600)
            let stale = try await client.searchOrganizations(request)
            #expect(stale.cache == .stale)
            #expect(stale.value.organizations?.count == pages[0])
            #expect(await server.engine.callCount(route: route, status: 503) == 1)
        }
    }
}
