import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// Credits through the pipeline against the simulator: the ledger and budgets refusing before spending.
@Suite struct CreditTests {
    private func pipeline(budget: CreditBudget = CreditBudget()) -> (ApolloPipeline, InMemoryCreditLedger) {
        let ledger = InMemoryCreditLedger()
        var pipeline = ApolloPipeline.inMemory(plan: .basic)
        pipeline.credits = CreditGate(ledger: ledger, budget: budget)
        return (pipeline, ledger)
    }

    private func emails(_ server: SimulatorServer, count: Int) async -> [String] {
        Array(await server.engine.snapshot().people.compactMap(\.email).prefix(count))
    }

    @Test func usageStats_refineThePlanProfile() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 100, organizations: 10))
        configuration.plan.standard = WindowLimits(minute: 7, hour: 70, day: 700)
        let (pipeline, _) = pipeline()
        try await SimulatorHarness.withSimulator(configuration, pipeline: pipeline) { _, client in
            #expect(try await pipeline.governor.store.limits(.standard) == RateLimitPlan.basic.limits(for: .standard))
            let refined = try await pipeline.governor.refine(from: client.apiUsageStats().value)
            #expect(refined[.standard] == GroupLimits(minute: 7, hour: 70, day: 700))
            #expect(try await pipeline.governor.store.limits(.standard) == GroupLimits(minute: 7, hour: 70, day: 700))
            #expect(refined[.enrichment]?.minute == 1_000)
        }
    }

    @Test func budgets_refuseBeforeAnythingIsSpent() async throws {
        let (pipeline, ledger) = pipeline(budget: CreditBudget(dailyCap: 5, perKeyDailyCap: 2))
        try await SimulatorHarness.withSimulator(pipeline: pipeline) { server, client in
            let emails = await emails(server, count: 10)
            // A bulk call of ten may cost ten: over the daily cap of five, so it is not sent at all.
            let bulk = await apolloError { try await client.bulkMatchPeople(emails.map { PersonIdentity(email: $0) }) }
            guard case .creditBudgetExceeded(let scope, let cap, let spent, let requested)? = bulk else {
                Issue.record("not refused: \(String(describing: bulk))")
                return
            }
            #expect(scope == .daily && cap == 5 && spent == 0 && requested == 10)
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 0)
            try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: "key-1")) {
                _ = try await client.matchPerson(PersonIdentity(email: emails[0]))
                _ = try await client.matchPerson(PersonIdentity(email: emails[1]))
                let third = await apolloError { try await client.matchPerson(PersonIdentity(email: emails[2])) }
                #expect(third == .creditBudgetExceeded(scope: .keyDaily("key-1"), cap: 2, spent: 2, requested: 1))
            }
            try await ApolloCallContext.$current.withValue(ApolloCallContext(priority: .interactive, apiKeyID: "key-2")) {
                _ = try await client.matchPerson(PersonIdentity(email: emails[3]))
            }
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 3)
            #expect(await ledger.total(since: 0, apiKeyID: "key-1") == 2)
            #expect(await ledger.total(since: 0, apiKeyID: nil) == 3)
            #expect(await server.engine.creditsCharged == 3)
        }
    }

    @Test func aPaidCallWhoseAnswerIsLost_keepsItsWorstCase_andIsNotSentAgain() async throws {
        let (pipeline, ledger) = pipeline()
        try await SimulatorHarness.withSimulator(requestTimeoutSeconds: 1, pipeline: pipeline) { server, client in
            let email = try #require(await emails(server, count: 1).first)
            // Apollo answers after the client gave up: it charged, and the answer never arrived.
            var slow = FaultSettings()
            slow.latencyMilliseconds = 1_500
            await server.engine.setFaults(slow)
            await #expect(throws: ApolloError.self) { _ = try await client.matchPerson(PersonIdentity(email: email)) }
            try await waitUntil { await server.engine.creditsCharged == 1 }
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 1, "never sent again: it may have been paid")
            #expect(await ledger.total(since: 0, apiKeyID: nil) == 1, "the ledger keeps the worst case: never less than was spent")
        }
    }

    @Test func failedAndCachedCalls_settleAtZero() async throws {
        let (pipeline, ledger) = pipeline()
        try await SimulatorHarness.withSimulator(pipeline: pipeline) { server, client in
            let domain = try #require(await server.engine.snapshot().organizations.first?.domain)
            _ = try await client.enrichOrganization(OrganizationIdentity(domain: domain))
            // Another spelling of the same domain is the same organization: answered from the cache, not paid again.
            let cached = try await client.enrichOrganization(OrganizationIdentity(domain: "https://www.\(domain.uppercased())/"))
            #expect(cached.cache == .fresh)
            #expect(cached.value.organization?.primaryDomain == domain)
            _ = try await client.enrichOrganization(OrganizationIdentity(domain: "no-such-company.invalid"))
            #expect(await ledger.total(since: 0, apiKeyID: nil) == 1)
            #expect(await server.engine.creditsCharged == 1)
            #expect(await ledger.all().count == 3, "every credit-consuming call has a ledger entry")
        }
    }
}
