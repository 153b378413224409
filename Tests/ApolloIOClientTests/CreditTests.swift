import ApolloIOClient
import ApolloIOSimulator
import Foundation
import Testing
import TestSupport

/// Credits through the pipeline against the simulator: the ledger, budgets refusing before spending, and the
/// enrichment memory that never pays twice.
@Suite struct CreditTests {
    private func pipeline(budget: CreditBudget = CreditBudget()) -> (ApolloPipeline, InMemoryCreditLedger) {
        let ledger = InMemoryCreditLedger()
        var pipeline = ApolloPipeline.inMemory(plan: .basic)
        pipeline.credits = (ledger, budget)
        return (pipeline, ledger)
    }

    private func emails(_ server: SimulatorServer, count: Int) async -> [String] {
        Array(await server.engine.snapshot().people.compactMap(\.email).prefix(count))
    }

    @Test func listWithDuplicates_chargesUniqueMatchesOnce_andTheRerunChargesNothing() async throws {
        let (pipeline, ledger) = pipeline()
        try await SimulatorHarness.withSimulator(pipeline: pipeline) { server, client in
            let unique = await emails(server, count: 14)
            // 20 inputs, 30% duplicates written differently, plus one nobody and one input that names no one.
            var inputs = unique.map { PersonIdentity(email: $0) }
            inputs += unique.prefix(6).map { PersonIdentity(email: "  \($0.uppercased()) ") }
            inputs += [PersonIdentity(email: "nobody@nowhere.invalid"), PersonIdentity(firstName: "Only")]
            let enricher = PeopleEnricher(client: client, memory: InMemoryEnrichmentMemory())
            let first = try await enricher.enrich(inputs)
            #expect(first.count == inputs.count)
            #expect(first.prefix(20).allSatisfy { $0.person != nil && $0.source == .apollo })
            #expect(first[20].person == nil && first[20].source == .apollo)
            #expect(first[21].source == .unidentifiable)
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 2, "15 unique people → two bulk calls")
            let charged = await server.engine.creditsCharged
            #expect(charged == 14, "one credit per unique matched person")
            #expect(await ledger.total(since: 0, apiKeyID: nil) == charged, "the ledger agrees with Apollo")

            let again = try await enricher.enrich(inputs)
            #expect(again.prefix(21).allSatisfy { $0.source == .memory })
            #expect(again.map(\.person) == first.map(\.person))
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 2)
            #expect(await server.engine.creditsCharged == charged, "the rerun charged nothing")
            let reconciliation = try await CreditReconciliation.run(client: client, ledger: ledger)
            #expect(reconciliation.apolloConsumed == charged && reconciliation.drift == 0)
        }
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
                Issue.record("not refused: \(String(describing: bulk))"); return
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
