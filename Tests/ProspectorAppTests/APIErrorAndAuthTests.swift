import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// The error envelope, request ids and authentication, over HTTP, on the run's engine.
@Suite struct APIErrorAndAuthTests {
    private func error(_ response: RawResponse) -> (code: String?, message: String?, requestId: String?, field: String?) {
        let body = response.json["error"] as? [String: Any]
        return (
            body?["code"] as? String, body?["message"] as? String, body?["requestId"] as? String,
            (body?["details"] as? [String: Any])?["field"] as? String
        )
    }

    @Test func unknownRoutes_wrongMethods_andRequestIDs() async throws {
        try await APIHarness.withApp { api in
            let missing = try await api.send("GET", "/api/nothing-here", key: api.adminKey)
            #expect(missing.status == 404)
            #expect(error(missing).code == "not_found")
            #expect(error(missing).requestId == missing.header("x-request-id") && missing.header("x-request-id") != nil)
            let propagated = try await api.send("GET", "/health", key: nil, headers: ["x-request-id": "trace-42.a"])
            #expect(propagated.header("x-request-id") == "trace-42.a")
            let replaced = try await api.send("GET", "/health", key: nil, headers: ["x-request-id": "has spaces"])
            #expect(replaced.header("x-request-id") != "has spaces")
            let wrongMethod = try await api.send("DELETE", "/api/leads/search", key: api.adminKey)
            #expect(wrongMethod.status == 405)
            #expect(error(wrongMethod).code == "method_not_allowed")
            #expect(wrongMethod.header("allow") == "POST")
        }
    }

    @Test func authentication_andScopes() async throws {
        try await APIHarness.withApp { api in
            let body = #"{"perPage": 1}"#
            let none = try await api.send("POST", "/api/leads/search", key: nil, json: body)
            #expect(none.status == 401 && error(none).code == "unauthorized")
            let unknown = try await api.send("POST", "/api/leads/search", key: "pk_not_a_real_key_at_all_0000000000000000", json: body)
            #expect(unknown.status == 401)
            let readOnly = try await api.key(["read"])
            #expect(try await api.send("POST", "/api/leads/search", key: readOnly, json: body).status == 200)
            let forbidden = try await api.send("POST", "/api/leads/enrich", key: readOnly, json: #"{"email": "a@b.co"}"#)
            #expect(forbidden.status == 403 && error(forbidden).code == "forbidden")
            #expect(
                (forbidden.json["error"] as? [String: Any]).flatMap { ($0["details"] as? [String: Any])?["requiredScope"] as? String } == "enrich")
            // Admin creates and revokes keys; a revoked key is 401 from then on.
            let created = try await api.send("POST", "/api/keys", key: api.adminKey, json: #"{"name": "ci", "scopes": ["read"]}"#)
            #expect(created.status == 201)
            let secret = try #require(created.json["key"] as? String)
            let id = try #require((created.json["apiKey"] as? [String: Any])?["id"] as? String)
            #expect(try await api.send("GET", "/api/credits", key: secret).status == 200)
            #expect(try await api.send("GET", "/api/keys", key: secret).status == 403)
            let listed = try await api.send("GET", "/api/keys", key: api.adminKey)
            #expect((listed.json["keys"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true)
            #expect(try await api.send("DELETE", "/api/keys/\(id)", key: api.adminKey).status == 200)
            #expect(try await api.send("GET", "/api/credits", key: secret).status == 401)
        }
    }

    @Test func badBodies_nameTheirField() async throws {
        try await APIHarness.withApp { api in
            let key = api.adminKey
            let malformed = try await api.send("POST", "/api/leads/search", key: key, json: #"{"perPage": "#)
            #expect(malformed.status == 400 && error(malformed).field == "body")
            let wrongType = try await api.send("POST", "/api/leads/search", key: key, json: #"{"perPage": "ten"}"#)
            #expect(wrongType.status == 400 && error(wrongType).field == "perPage")
            #expect(error(wrongType).message?.contains("integer") == true)
            let outOfRange = try await api.send("POST", "/api/leads/search", key: key, json: #"{"perPage": 101}"#)
            #expect(outOfRange.status == 400 && error(outOfRange).field == "perPage")
            let missing = try await api.send("POST", "/api/deals", key: key, json: #"{"name": "Big", "amount": 10}"#)
            #expect(missing.status == 400 && error(missing).field == "ownerId")
            let nested = try await api.send("POST", "/api/leads/enrich/bulk", key: key, json: #"{"people": [{"email": "a@b.co"}, {"email": 7}]}"#)
            #expect(nested.status == 400 && error(nested).field == "people[1].email")
            let nobody = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"firstName": "Ada"}"#)
            #expect(nobody.status == 400 && error(nobody).field == "body")
            let noBody = try await api.send("POST", "/api/deals", key: key)
            #expect(noBody.status == 400 && error(noBody).code == "invalid_request")
            let text = try await api.send("POST", "/api/leads/search", key: key, json: "perPage=1", headers: ["content-type": "text/plain"])
            #expect(text.status == 415 && error(text).code == "unsupported_media_type")
            for contentType in ["Application/JSON; charset=utf-8", " application/json ;charset=UTF-8", "application/json"] {
                let json = try await api.send("POST", "/api/leads/search", key: key, json: #"{"perPage": 1}"#, headers: ["content-type": contentType])
                #expect(json.status == 200, "\(contentType): \(json.body)")
            }
            for contentType in ["application/jsonx", "application/problem+json", "text/json", ""] {
                let other = try await api.send(
                    "POST", "/api/leads/search", key: key, json: #"{"perPage": 1}"#, headers: ["content-type": contentType])
                #expect(other.status == 415, "\(contentType)")
            }
            let huge = try await api.send(
                "POST", "/api/leads/search", key: key, json: #"{"keywords": ""# + String(repeating: "x", count: 2_000_000) + #""}"#)
            #expect(huge.status == 413 && error(huge).code == "payload_too_large")
            let badQuery = try await api.send("GET", "/api/deals?page=zero", key: key)
            #expect(badQuery.status == 400 && error(badQuery).field == "page")
            let badState = try await api.send("GET", "/api/jobs?state=sleeping", key: key)
            #expect(badState.status == 400 && error(badState).field == "state")
        }
    }

    @Test func apolloFailures_mapToTheirCodes() async throws {
        try await APIHarness.withApp(environment: ["APOLLO_BREAKER_FAILURES": "100", "APOLLO_RETRY_MAX_ATTEMPTS": "1"]) { api in
            await api.simulator.engine.startOutage(seconds: 3_600)
            let outage = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: #"{"perPage": 1}"#)
            #expect(outage.status == 503 && error(outage).code == "apollo_unavailable")
            var burst = FaultSettings()
            burst.rateLimitBurst = 1
            await api.simulator.engine.setFaults(burst)
            let limited = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: #"{"perPage": 2}"#)
            #expect(limited.status == 429 && error(limited).code == "apollo_rate_limited")
            // The burst's 429 says one second (and this app retries nothing): the caller is told so.
            #expect(limited.header("retry-after") == "1")
            #expect((limited.json["error"] as? [String: Any]).flatMap { ($0["details"] as? [String: Any])?["window"] as? String } == "minute")
        }
    }
}
