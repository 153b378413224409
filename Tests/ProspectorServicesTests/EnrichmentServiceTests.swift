import ApolloIOClient
import ApolloIOSimulator
import Foundation
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// Enrichment, the one home of match-or-bulk, batching and the memory, against the simulator over HTTP, with its
/// state (memory, ledger, windows) in the run's database.
@Suite struct EnrichmentServiceTests {
    private func emails(_ server: SimulatorServer, count: Int) async -> [String] {
        Array(await server.engine.snapshot().people.compactMap(\.email).prefix(count))
    }

    @Test func aListWithDuplicates_chargesUniqueMatchesOnce_andTheRerunChargesNothing() async throws {
        try await ServicesHarness.withServices { context in
            let server = context.simulator
            let enrichment = try context.services.enrichment
            let unique = await emails(server, count: 14)
            // 22 inputs: 30% duplicates written differently, one nobody, one input that names no one.
            var inputs = unique.map { PersonIdentity(email: $0) }
            inputs += unique.prefix(6).map { PersonIdentity(email: "  \($0.uppercased()) ") }
            inputs += [PersonIdentity(email: "nobody@nowhere.invalid"), PersonIdentity(firstName: "Only")]
            let first = try await enrichment.enrich(inputs)
            #expect(first.count == inputs.count)
            #expect(first.prefix(20).allSatisfy { $0.person != nil && $0.source == .apollo })
            #expect(first[20].person == nil && first[20].source == .apollo)
            #expect(first[21].source == .unidentifiable)
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 2, "15 unique people → two bulk calls")
            let charged = await server.engine.creditsCharged
            #expect(charged == 14, "one credit per unique matched person")
            #expect(try await SQLCreditLedger(database: context.database).total(since: 0, apiKeyID: nil) == charged, "the ledger agrees with Apollo")

            let again = try await context.anotherProcess().enrichment.enrich(inputs)
            #expect(again.prefix(21).allSatisfy { $0.source == .memory }, "another process answers from the shared memory")
            #expect(again.map(\.person?.id) == first.map(\.person?.id))
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 2)
            #expect(await server.engine.creditsCharged == charged, "the rerun charged nothing")
        }
    }

    @Test func twoProcessesAskingForTheSamePeopleAtOnce_payForEachOnce() async throws {
        try await ServicesHarness.withServices { context in
            let server = context.simulator
            let people = await emails(server, count: 12).map { PersonIdentity(email: $0) }
            // Apollo answers slowly, so that every caller is asking while the others are.
            var slow = FaultSettings()
            slow.latencyMilliseconds = 300
            await server.engine.setFaults(slow)
            let callers = try [context.services.enrichment, context.anotherProcess().enrichment, context.anotherProcess().enrichment]
            let lists = [people, Array(people.reversed()), [people[3]]]
            let results = try await withThrowingTaskGroup(of: [PersonEnrichment].self) { group in
                for (caller, list) in zip(callers, lists) { group.addTask { try await caller.enrich(list) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.allSatisfy { $0.allSatisfy { $0.person != nil } }, "every caller got every person")
            let counters = await server.engine.countersJSON()
            #expect(counters["credits"]?["charged_more_than_once"] == .object([:]), "no one paid for twice: \(counters)")
            #expect(await server.engine.creditsCharged == 12)
            #expect(try await SQLCreditLedger(database: context.database).total(since: 0, apiKeyID: nil) == 12)
        }
    }

    @Test func onePerson_goesToPeopleMatch_andMoreToBulkMatch() async throws {
        try await ServicesHarness.withServices { context in
            let server = context.simulator
            let enrichment = try context.services.enrichment
            let people = await emails(server, count: 4).map { PersonIdentity(email: $0) }
            _ = try await enrichment.enrich([people[0]])
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 1)
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 0)
            _ = try await enrichment.enrich(Array(people[1...]))
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 1)
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleBulkMatch.route) == 1)
        }
    }

    @Test func aRevealsMatch_isRemembered_butARevealIsNeverAnsweredFromMemory() async throws {
        try await ServicesHarness.withServices { context in
            let server = context.simulator
            let enrichment = try context.services.enrichment
            let person = PersonIdentity(email: await emails(server, count: 1)[0])
            let reveal = EnrichmentOptions(revealPhoneNumber: true, webhookUrl: "http://127.0.0.1:9/webhooks/apollo/token")
            let started = try await enrichment.match([person], options: reveal)
            #expect(started.matches.first??.id != nil && started.requestID != nil)
            let plain = try await enrichment.enrich([person])
            #expect(plain.first?.source == .memory, "the reveal's match answers a plain enrichment")
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 1)
            let again = try await enrichment.enrich([person], options: reveal)
            #expect(again.first?.source == .apollo, "a reveal must reach Apollo to start")
            #expect(await server.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 2)
        }
    }

    @Test func aMemoryThatFails_isOurStateUnavailable_notApollo() async throws {
        try await ServicesHarness.withServices { context in
            let base = try context.services.enrichment
            let enrichment = EnrichmentService(client: base.client, memory: FailingMemory(), database: context.database)
            let error = await apolloError { try await enrichment.enrich([PersonIdentity(email: "ada@example.test")]) }
            guard case .stateUnavailable(let description) = error else {
                Issue.record("expected stateUnavailable, got \(String(describing: error))")
                return
            }
            #expect(description.contains("enrichment memory"))
            #expect(await context.simulator.engine.callCount(route: ApolloEndpoint.peopleMatch.route) == 0, "nothing was sent")
        }
    }

    @Test(arguments: [
        ("https://www.LinkedIn.com/in/Ada-L/?trk=x", "linkedin.com/in/ada-l"),
        ("linkedin.com/in/ada-l/", "linkedin.com/in/ada-l"),
    ])
    func linkedInURLs_normalize(url: String, expected: String) {
        #expect(EnrichmentIdentity.normalizeLinkedIn(url) == expected)
        #expect(EnrichmentIdentity.key(linkedinURL: url) == "linkedin:\(expected)")
    }

    @Test func identityKey_prefersTheStrongestIdentifier_andOnlyPersonalEmailsChangeIt() {
        #expect(EnrichmentIdentity.key(apolloID: "p1", email: "a@b.c") == "id:p1")
        #expect(EnrichmentIdentity.key(email: " Ada@Zeta.TEST ") == "email:ada@zeta.test")
        #expect(EnrichmentIdentity.key(name: "Ada  Lovelace", domain: "www.zeta.test") == "name:ada lovelace@zeta.test")
        #expect(EnrichmentIdentity.key(domain: "HTTP://www.Zeta.test/") == "domain:zeta.test")
        #expect(EnrichmentIdentity.key() == nil)
        #expect(DomainName.normalize("mailto:ops@zeta.test") == "zeta.test")
        let ada = PersonIdentity(email: "ada@zeta.test")
        #expect(EnrichmentIdentity.key(ada, options: EnrichmentOptions(revealPhoneNumber: true)) == "email:ada@zeta.test")
        #expect(EnrichmentIdentity.key(ada, options: EnrichmentOptions(revealPersonalEmails: true)) == "email:ada@zeta.test+personal")
    }
}

/// Our own store failing (its database gone), as the enrichment memory sees it.
private struct FailingMemory: EnrichmentMemory {
    struct Gone: Error {}
    func recall(_ keys: [String]) async throws -> [String: RememberedEnrichment] { throw Gone() }
    func remember(_ entries: [RememberedEnrichment]) async throws { throw Gone() }
    func claim(_ keys: [String], owner: String, until: Double, now: Double) async throws -> Set<String> { throw Gone() }
    func release(_ keys: [String], owner: String) async throws { throw Gone() }
}
