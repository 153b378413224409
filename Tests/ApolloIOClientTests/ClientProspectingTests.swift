import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The client against the simulator over real HTTP: search and enrichment.
@Suite struct ClientProspectingTests {
    @Test func searchPeople_filtersPaginatesAndNeverReturnsEmails() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let first = try await client.searchPeople(PeopleSearchRequest(personSeniorities: ["vp"], page: 1, perPage: 25))
            let second = try await client.searchPeople(PeopleSearchRequest(personSeniorities: ["vp"], page: 2, perPage: 25))
            #expect(first.value.people.count == 25)
            #expect(first.value.totalEntries ?? 0 > 25)
            #expect(Set(first.value.people.map(\.id)).isDisjoint(with: second.value.people.map(\.id)))
            #expect(first.value.people.allSatisfy { $0.lastNameObfuscated?.contains("***") == true })
            #expect(first.value.people.allSatisfy { ($0.title ?? "").hasPrefix("VP") })
            #expect(first.rateLimit.minute == .limited(limit: 200, used: 1, remaining: 199))
            #expect(second.rateLimit.hour == .limited(limit: 6_000, used: 2, remaining: 5_998))
            let counters = await server.engine.countersJSON()
            #expect(counters["credits"]?["total"] == .double(0))
        }
    }

    @Test func searchPeople_perPageAbove100IsCappedAndPage501IsRefused() async throws {
        try await SimulatorHarness.withSimulator { _, client in
            let capped = try await client.searchPeople(PeopleSearchRequest(page: 1, perPage: 250))
            #expect(capped.value.people.count == 100)
            #expect(capped.value.pagination?.perPage?.value == 100)
            await #expect(
                throws: ApolloError.invalidRequest(
                    status: 422, message: "Invalid parameter passed in. Page * per page number is over threshold.", code: nil)
            ) {
                _ = try await client.searchPeople(PeopleSearchRequest(page: 501, perPage: 10))
            }
        }
    }

    @Test func matchPerson_byEmailChargesOneCredit_weakInputMatchesNothingForFree() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let person = try #require(await server.engine.snapshot().people.first { $0.email != nil })
            let matched = try await client.matchPerson(PersonIdentity(email: person.email))
            #expect(matched.value.person?.id == person.id)
            #expect(matched.value.person?.email == person.email)
            #expect(matched.value.person?.organization?.primaryDomain != nil)
            let weak = try await client.matchPerson(PersonIdentity(firstName: person.firstName))
            #expect(weak.value.person == nil)
            let byLinkedIn = try await client.matchPerson(
                PersonIdentity(linkedinUrl: person.linkedinURL.replacingOccurrences(of: "http://www.", with: "https://")))
            #expect(byLinkedIn.value.person?.id == person.id)
            let counters = await server.engine.countersJSON()
            #expect(counters["credits"]?["lead_credit"] == .double(2))
            #expect(matched.rateLimit.hour == .unlimited)
        }
    }

    @Test func bulkMatch_keepsOrderWithNullsAndReportsCredits() async throws {
        try await SimulatorHarness.withSimulator { _, client in
            let result = try await client.bulkMatchPeople([
                PersonIdentity(email: "nobody@nowhere.invalid"),
                PersonIdentity(linkedinUrl: "http://www.linkedin.com/in/does-not-exist"),
            ])
            #expect(result.value.matches.count == 2)
            #expect(result.value.matches.allSatisfy { $0 == nil })
            #expect(result.value.creditsConsumed == 0)
            #expect(result.value.missingRecords == 2)
        }
    }

    @Test func bulkMatch_moreThanTenIsRefusedBeforeSending_emptyIsRefusedByApollo() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let eleven = (0..<11).map { PersonIdentity(email: "p\($0)@example.test") }
            await #expect(throws: ApolloError.tooManyRecords(limit: 10, requested: 11)) { _ = try await client.bulkMatchPeople(eleven) }
            #expect(await server.engine.countersJSON()["total_calls"] == .int(0))
            await #expect(throws: ApolloError.invalidRequest(status: 400, message: "invalid request, missing details", code: "INVALID_REQUEST")) {
                _ = try await client.bulkMatchPeople([])
            }
        }
    }

    @Test func revealPhone_withoutWebhookIsRefused_withOneGivesAPollableRequestID() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 500, organizations: 50))
        configuration.webhookDelaySeconds = 0
        try await SimulatorHarness.withSimulator(configuration) { server, client in
            let person = try #require(await server.engine.snapshot().people.first { $0.mobilePhone != nil && $0.email != nil })
            await #expect(throws: ApolloError.invalidRequest(status: 400, message: "Please add a valid 'webhook_url' parameter", code: nil)) {
                _ = try await client.matchPerson(PersonIdentity(email: person.email), options: EnrichmentOptions(revealPhoneNumber: true))
            }
            let started = try await client.matchPerson(
                PersonIdentity(email: person.email),
                options: EnrichmentOptions(revealPhoneNumber: true, webhookUrl: "http://127.0.0.1:9/unreachable"))
            let requestID = try #require(started.value.requestId)
            let result = try await client.webhookResult(requestID)
            #expect(result.value.requestId == requestID)
            #expect(result.value.webhookResult?.people?.first?.phoneNumbers?.first?.typeCd == "mobile")
            await #expect(throws: ApolloError.notFound(message: "request_id_unknown")) { _ = try await client.webhookResult(RequestID(12345)) }
        }
    }

    @Test func aResultNotReadyYet_isResultPending_withApollosWait() async throws {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30))
        configuration.webhookDelaySeconds = 5
        try await SimulatorHarness.withSimulator(configuration) { server, client in
            let person = try #require(await server.engine.snapshot().people.first { $0.mobilePhone != nil && $0.email != nil })
            let started = try await client.bulkMatchPeople(
                [PersonIdentity(email: person.email)],
                options: EnrichmentOptions(runWaterfallEmail: true, runWaterfallPhone: true, webhookUrl: "http://127.0.0.1:9/x"))
            #expect(started.value.waterfall?.status == "accepted")
            #expect(started.value.creditsConsumed == nil && started.value.uniqueEnrichedRecords == nil, "a waterfall's answer leaves its counts out")
            #expect(started.value.matches.first??.email == nil, "the email comes with the waterfall")
            let requestID = try #require(started.value.requestId)
            do {
                _ = try await client.webhookResult(requestID)
                Issue.record("a result 5 s away was answered")
            } catch let error as ApolloError {
                guard case .resultPending(let seconds) = error else {
                    Issue.record("expected resultPending, got \(error)")
                    return
                }
                #expect((1...10).contains(seconds))
            }
        }
    }

    @Test func organizations_enrichSearchAndBulk() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let organization = try #require(await server.engine.snapshot().organizations.dropFirst(3).first)
            let enriched = try await client.enrichOrganization(OrganizationIdentity(domain: "www." + organization.domain))
            #expect(enriched.value.organization?.id == organization.id)
            #expect(enriched.value.organization?.estimatedNumEmployees == organization.employees)
            let unknown = try await client.enrichOrganization(OrganizationIdentity(domain: "unknown-domain.invalid"))
            #expect(unknown.value.organization == nil)
            let bulk = try await client.bulkEnrichOrganizations([
                OrganizationIdentity(domain: organization.domain), OrganizationIdentity(domain: "x.invalid"),
            ])
            #expect(bulk.value.organizations.count == 1)
            #expect(bulk.value.missingRecords == 1)
            let search = try await client.searchOrganizations(OrganizationSearchRequest(qOrganizationName: organization.name, perPage: 5))
            #expect(search.value.allOrganizations.contains { $0.primaryDomain == organization.domain })
            let counters = await server.engine.countersJSON()
            #expect(counters["credits"]?["lead_credit"] == .double(3))
        }
    }
}
