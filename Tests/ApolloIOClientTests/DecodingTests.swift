import Foundation
import TestSupport
import Testing

@testable import ApolloIOClient

/// Decoding of the edge cases of CONTRACT §16, from recorded JSON fixtures.
@Suite struct DecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ fixture: String) throws -> T {
        try ApolloCoding.makeDecoder().decode(T.self, from: Fixtures.data(fixture, in: .module))
    }

    @Test func peopleSearch_officialShape_readsTopLevelTotalAndFlexibleFlags() throws {
        let page = try decode(PeopleSearchPage.self, "people_api_search")
        #expect(page.totalEntries == 231_000_000)
        #expect(page.people.count == 4)
        #expect(page.people[0].hasDirectPhone == .yes)
        #expect(page.people[1].hasDirectPhone == .maybe("Maybe: please request direct dial via people/bulk_match"))
        #expect(page.people[2].hasDirectPhone == .yes)
        #expect(page.people[3].hasDirectPhone == nil)
        #expect(page.people[1].title == nil)
        #expect(page.people[0].lastRefreshedAt == ApolloDate.parse("2025-10-01T12:00:00Z"))
    }

    @Test func peopleSearch_totalOnlyInPagination_fallsBackAndReadsStringPages() throws {
        let page = try decode(PeopleSearchPage.self, "people_search_pagination_only")
        #expect(page.totalEntries == 1184)
        #expect(page.pagination?.page?.value == 2)
        #expect(page.pagination?.perPage?.value == 25)
    }

    @Test func peopleMatch_placeholderEmailAndNegativeRequestIDBeyondDoublePrecision() throws {
        let result = try decode(PersonMatchResult.self, "people_match")
        #expect(result.person?.email == nil)
        #expect(result.requestId?.value == -5_321_785_409_812_374_012)
        #expect(result.person?.organization?.primaryDomain == "apollo.io")
        #expect(result.person?.employmentHistory?.first?.startDate == "2016-01-01")
    }

    @Test func bulkMatch_nullMatchesFractionalCreditsAndLargeRequestID() throws {
        let result = try decode(BulkMatchResult.self, "bulk_match")
        #expect(result.matches.count == 3)
        #expect(result.matches[1] == nil)
        #expect(result.matches[0]?.email == "tim@apollo.io")
        #expect(result.matches[2]?.email == nil)
        #expect(result.creditsConsumed == Decimal(string: "1.01"))
        #expect(result.requestId?.value == 7_290_145_563_012_874_411)
    }

    @Test func webhookResult_requestIDAsString() throws {
        let result = try decode(WebhookResult.self, "webhook_result")
        #expect(result.requestId.value == -9_013_847_561_209_384_756)
        #expect(result.webhookResult?.people?.first?.phoneNumbers?.first?.sanitizedNumber == "+15555550164")
        #expect(result.lastDispatchedAt == ApolloDate.parse("2026-03-02T10:00:00.000+00:00"))
    }

    @Test func usersSearch_stringPagination() throws {
        let page = try decode(UserSearchPage.self, "users_search")
        #expect(page.pagination?.page?.value == 1)
        #expect(page.pagination?.perPage?.value == 3)
        #expect(page.users.first?.email == "ana@example.test")
    }

    @Test func apiUsageStats_stringifiedArrayKeys() throws {
        let stats = try decode(APIUsageStats.self, "api_usage_stats")
        let entry = try #require(stats.entry(controller: "api/v1/people", action: "bulk_match"))
        #expect(entry.minute?.limit == 20)
        #expect(stats.entry(controller: "api/v1/contacts", action: "search")?.day?.consumed == 500)
    }

    @Test func opportunity_dateOnlyCloseDate() throws {
        let envelope = try decode(OpportunityEnvelope.self, "opportunity")
        #expect(envelope.opportunity.closedDate == ApolloDate.parse("2025-03-01T00:00:00Z"))
        #expect(envelope.opportunity.amount == 150_000)
    }

    @Test(arguments: [
        ("2024-09-12T20:13:53.207Z", 1_726_172_033.207),
        ("2023-08-01T00:00:00.000+00:00", 1_690_848_000),
        ("2026-07-28T10:26:55Z", 1_785_234_415),
        ("2026-07-28T12:26:55+02:00", 1_785_234_415),
        ("2016-01-01", 1_451_606_400),
    ])
    func apolloDate_acceptsEveryFlavour(text: String, epoch: Double) throws {
        let date = try #require(ApolloDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - epoch) < 0.001)
    }

    @Test(arguments: ["", "yesterday", "2024-13-01", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00+0"])
    func apolloDate_rejectsGarbage(text: String) {
        #expect(ApolloDate.parse(text) == nil)
    }

    @Test func requestID_rejectsNonIntegerStrings() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RequestID.self, from: Data("\"12ab\"".utf8)) }
    }
}

@Suite struct DateFormattingTests {
    @Test func format_writesMillisecondsAndZulu() {
        #expect(ApolloDate.format(Date(timeIntervalSince1970: 1_726_172_033.207)) == "2024-09-12T20:13:53.207Z")
    }
}
