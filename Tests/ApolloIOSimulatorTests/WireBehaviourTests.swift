import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// What goes over the wire, checked with a plain HTTP client (CONTRACT §15).
@Suite struct WireBehaviourTests {
    private static let small = SimulatorConfiguration(size: DatasetSize(people: 500, organizations: 50))
    private static let master = ["x-api-key": SimulatorConfiguration.defaultMasterKey]

    @Test func auth_noKeyUnknownKeyScopedKeyAndHealth() async throws {
        try await SimulatorHarness.withSimulator(Self.small) { server, _ in
            let none = try await RawHTTP.send("GET", server.baseURL + "/contact_stages")
            #expect(none.status == 422)
            #expect(none.json["error"] as? String == "Api key required")
            let unknown = try await RawHTTP.send("GET", server.baseURL + "/contact_stages", headers: ["x-api-key": "wrong"])
            #expect(unknown.status == 401)
            #expect(unknown.header("content-type")?.hasPrefix("text/plain") == true)
            #expect(unknown.header("x-rate-limit-minute") == nil)
            let scoped = try await RawHTTP.send(
                "POST", server.baseURL + "/contacts", headers: ["x-api-key": SimulatorConfiguration.defaultScopedKey], body: "{}")
            #expect(scoped.status == 403)
            #expect(scoped.json["error_code"] as? String == "API_INACCESSIBLE")
            #expect((scoped.json["error"] as? String)?.contains("api/v1/contacts/create") == true)
            let health = try await RawHTTP.send("GET", server.baseURL + "/auth/health")
            #expect(health.status == 200)
            #expect(health.json["is_logged_in"] as? Bool == false)
        }
    }

    @Test func parameters_queryAndBodyMerge_bodyWins_pageEchoedInTypeSent() async throws {
        try await SimulatorHarness.withSimulator(Self.small) { server, _ in
            let query = try await RawHTTP.send(
                "POST", server.baseURL + "/mixed_people/api_search?page=2&per_page=5&person_seniorities[]=manager", headers: Self.master)
            let pagination = try #require(query.json["pagination"] as? [String: Any])
            #expect(pagination["page"] as? String == "2")
            #expect(pagination["per_page"] as? String == "5")
            let people = try #require(query.json["people"] as? [[String: Any]])
            #expect(people.count == 5)
            #expect(people.allSatisfy { $0["email"] == nil && $0["last_name"] == nil })
            let body = try await RawHTTP.send(
                "POST", server.baseURL + "/mixed_people/api_search?per_page=50", headers: Self.master, body: #"{"page": 1, "per_page": 3}"#)
            let bodyPagination = try #require(body.json["pagination"] as? [String: Any])
            #expect(bodyPagination["per_page"] as? Int == 3)
            #expect((body.json["people"] as? [Any])?.count == 3)
            #expect(body.header("x-rate-limit-hourly") == "6000")
        }
    }

    @Test func legacySearchIsDeprecated_v1AliasServes_enrichmentHasNoHourlyLimit() async throws {
        try await SimulatorHarness.withSimulator(Self.small) { server, _ in
            let legacy = try await RawHTTP.send("POST", server.baseURL + "/mixed_people/search", headers: Self.master, body: "{}")
            #expect(legacy.status == 422)
            #expect((legacy.json["error"] as? String)?.hasPrefix("This endpoint is deprecated for API callers.") == true)
            let alias = try await RawHTTP.send(
                "GET", server.baseURL.replacingOccurrences(of: "/api/v1", with: "/v1") + "/contact_stages", headers: Self.master)
            #expect(alias.status == 200)
            let match = try await RawHTTP.send(
                "POST", server.baseURL + "/people/match", headers: Self.master, body: #"{"email": "nobody@nowhere.test"}"#)
            #expect(match.body.contains("\"person\":null"))
            #expect(match.header("x-rate-limit-hourly") == "")
            #expect(match.header("x-hourly-usage") == nil)
            #expect(match.header("x-minute-requests-left") == "999")
        }
    }

    @Test func bulkLimits_andMalformedBodies() async throws {
        try await SimulatorHarness.withSimulator(Self.small) { server, _ in
            let eleven = "[" + (0..<11).map { #"{"email": "p\#($0)@x.test"}"# }.joined(separator: ",") + "]"
            let tooMany = try await RawHTTP.send(
                "POST", server.baseURL + "/people/bulk_match", headers: Self.master, body: #"{"details": \#(eleven)}"#)
            #expect(tooMany.status == 400)
            #expect(tooMany.json["error_code"] as? String == "RECORD_LIMIT_EXCEEDED")
            let wrongShape = try await RawHTTP.send("POST", server.baseURL + "/people/bulk_match", headers: Self.master, body: #"{"details": "abc"}"#)
            #expect(wrongShape.status == 422)
            #expect(wrongShape.json["error_code"] as? String == "UNKNOWN_ERROR")
            let notJSON = try await RawHTTP.send("POST", server.baseURL + "/contacts", headers: Self.master, body: "{not json")
            #expect(notJSON.status == 400)
            let orgs = try await RawHTTP.send(
                "POST", server.baseURL + "/organizations/bulk_enrich?" + (0..<11).map { "domains[]=d\($0).test" }.joined(separator: "&"),
                headers: Self.master)
            #expect(orgs.json["error_message"] as? String == "domain count cannot be more than 10")
        }
    }
}
