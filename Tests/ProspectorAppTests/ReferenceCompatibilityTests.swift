import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// What a client of the reference architecture sends and reads works unchanged (issue 12, in part).
@Suite struct ReferenceCompatibilityTests {
    @Test func leadSearch_withTheReferenceBody_answersPagesOf100() async throws {
        try await APIHarness.withApp { api in
            let domain = try #require(await api.simulator.engine.snapshot().organizations.first?.domain)
            let body = #"{"domains": ["\#(domain)"], "titles": [], "seniorities": [], "page": 1}"#
            let response = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: body)
            #expect(response.status == 200, "\(response.body.prefix(300))")
            #expect(response.json["leads"] is [Any])
            let pagination = try #require(response.json["pagination"] as? [String: Any])
            #expect(pagination["perPage"] as? Int == 100, "the reference asks Apollo for pages of 100")
            #expect(pagination["page"] as? Int == 1)
        }
    }

    @Test func theShortOrganizationRoute_answersLikeTheLongOne() async throws {
        try await APIHarness.withApp { api in
            let domain = try #require(await api.simulator.engine.snapshot().organizations.first?.domain)
            let long = try await api.send("GET", "/api/organizations/\(domain)", key: api.adminKey)
            let short = try await api.send("GET", "/api/org/\(domain)", key: api.adminKey)
            #expect(long.status == 200 && short.status == 200, "\(short.status) \(short.body.prefix(300))")
            let a = try #require(long.json["organization"] as? [String: Any])
            let b = try #require(short.json["organization"] as? [String: Any])
            #expect(a["id"] as? String == b["id"] as? String && a["domain"] as? String == b["domain"] as? String)
            #expect(try await api.send("GET", "/api/org/\(domain)", key: try await api.key(["read"])).status == 403, "the same scope")
        }
    }

    @Test func dealStages_carryTheReferencesIdNameAndOrder() async throws {
        try await APIHarness.withApp { api in
            let response = try await api.send("GET", "/api/deals/stages", key: api.adminKey)
            let stages = try #require(response.json["stages"] as? [[String: Any]])
            #expect(!stages.isEmpty)
            for stage in stages {
                #expect(stage["id"] is String && stage["name"] is String && stage["order"] is NSNumber, "\(stage)")
                #expect((stage["order"] as? NSNumber)?.doubleValue == (stage["displayOrder"] as? NSNumber)?.doubleValue)
            }
        }
    }
}
