import Foundation
import TestSupport
import Testing

@testable import ApolloIOClient

/// Answers whose fields have unexpected types decode record by record; nothing fails the page.
@Suite struct LenientDecodingTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> (value: T, repairs: [LenientDecoding.Repair]) {
        try LenientDecoding.decode(T.self, from: Data(json.utf8), decoder: ApolloCoding.makeDecoder())
    }

    @Test func numbersAsStrings_andTheReverse_areConverted() throws {
        let (page, repairs) = try decode(
            OpportunitySearchPage.self,
            #"{"opportunities": [{"id": "d1", "name": "A", "amount": "30000", "is_closed": "false"}, {"id": "d2", "name": 7, "amount": 5}]}"#)
        #expect(page.opportunities.map(\.amount) == [30_000, 5])
        #expect(page.opportunities.map(\.name) == ["A", "7"])
        #expect(page.opportunities[0].isClosed == false)
        #expect(repairs.allSatisfy { $0.kind == .converted })
        #expect(repairs.map(\.path).contains("opportunities[].amount"))
    }

    @Test func anUnreadableField_isDroppedForThatRecordOnly() throws {
        let (page, repairs) = try decode(
            OpportunitySearchPage.self,
            #"{"opportunities": [{"id": "d1", "amount": "a lot", "closed_date": "soon"}, {"id": "d2", "amount": 10, "closed_date": "2026-01-02"}]}"#)
        #expect(page.opportunities.map(\.id) == ["d1", "d2"])
        #expect(page.opportunities[0].amount == nil && page.opportunities[1].amount == 10)
        #expect(page.opportunities[0].closedDate == nil && page.opportunities[1].closedDate != nil, "a bad date drops only its own record's field")
        #expect(Set(repairs.map(\.kind)) == [.droppedField])
        #expect(!repairs.contains { $0.path.contains("a lot") || $0.path.contains("soon") }, "paths name fields, never values")
    }

    @Test func nullForAList_isAnEmptyList_andARecordMissingItsIdIsDroppedFromThePage() throws {
        let (page, repairs) = try decode(OpportunitySearchPage.self, #"{"opportunities": null}"#)
        #expect(page.opportunities.isEmpty)
        #expect(repairs == [LenientDecoding.Repair(kind: .converted, path: "opportunities", count: 1)])
        let (withBroken, dropped) = try decode(OpportunitySearchPage.self, #"{"opportunities": [{"id": {"x": 1}}, {"id": "d2"}]}"#)
        #expect(withBroken.opportunities.map(\.id) == ["d2"])
        #expect(dropped.last?.kind == .droppedRecord)
    }

    @Test func wellTypedAnswers_needNoRepair_andNonJSONStillFails() throws {
        #expect(try decode(OpportunitySearchPage.self, #"{"opportunities": [{"id": "d1", "amount": 1}]}"#).repairs.isEmpty)
        #expect(throws: DecodingError.self) { try decode(OpportunitySearchPage.self, "<html>503</html>") }
    }

    @Test func aQuirkySimulator_dealListWithAStringAmount_isReadWhole() async throws {
        try await SimulatorHarness.withSimulator { server, client in
            let created = try await client.createOpportunity(OpportunityInput(name: "Quirky", amount: "30000")).value.opportunity
            await server.engine.setQuirks(true)
            let page = try await client.searchOpportunities(OpportunitySearchRequest(page: 1, perPage: 100)).value
            let listed = try #require(page.opportunities.first { $0.id == created.id })
            #expect(listed.amount == 30_000 && listed.name == "Quirky")
            #expect(page.pagination?.totalEntries ?? 0 >= 1)
        }
    }
}
