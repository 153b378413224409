import ApolloIOSimulator
import Fluent
import Foundation
import SQLKit
import TestSupport
import Testing

/// Every route that calls Apollo, while the simulator answers 503: each answers `apollo_unavailable` with the
/// envelope, and nothing is stored or audited.
@Suite struct APIApolloFailureTests {
    @Test func everyApolloRoute_duringAnOutage_isApolloUnavailable() async throws {
        try await APIHarness.withApp(environment: ["APOLLO_RETRY_MAX_ATTEMPTS": "1", "APOLLO_BREAKER_FAILURES": "1000"]) { api in
            let data = await api.simulator.engine.snapshot()
            let user = try #require(data.users.first)
            let contact = try #require(data.contacts.first?.id)
            let sequence = try #require(data.sequences.first?.id)
            let deal = try #require(data.opportunities.first?.id)
            let calls: [(String, String, String?)] = [
                ("POST", "/api/leads/search", #"{"perPage": 3}"#),
                ("POST", "/api/leads/enrich", #"{"email": "someone@example.com"}"#),
                ("GET", "/api/organizations/example.com", nil),
                ("POST", "/api/organizations/search", #"{"name": "Acme"}"#),
                ("POST", "/api/deals", #"{"name": "D", "amount": 1, "ownerId": "\#(user.id)"}"#),
                ("GET", "/api/deals", nil),
                ("GET", "/api/deals/stages", nil),
                ("GET", "/api/deals/\(deal)", nil),
                ("PATCH", "/api/deals/\(deal)", #"{"amount": 5}"#),
                ("POST", "/api/sequences/search", "{}"),
                ("POST", "/api/sequences/\(sequence)/contacts", #"{"contactIds": ["\#(contact)"], "emailAccountId": "\#(user.emailAccountID)"}"#),
                ("POST", "/api/sequences/remove", #"{"sequenceIds": ["\#(sequence)"], "contactIds": ["\#(contact)"], "mode": "stop"}"#),
                ("POST", "/api/tasks", #"{"userId": "\#(user.id)", "contactIds": ["\#(contact)"], "type": "call", "dueAt": "2026-12-01T09:00:00Z"}"#),
                ("GET", "/api/tasks", nil),
            ]
            await api.simulator.engine.startOutage(seconds: 3_600)
            for (method, path, body) in calls {
                let response = try await api.send(method, path, key: api.adminKey, json: body)
                let error = response.json["error"] as? [String: Any]
                #expect(
                    response.status == 503 && error?["code"] as? String == "apollo_unavailable",
                    "\(method) \(path): \(response.status) \(response.body.prefix(300))")
                #expect(Int(response.header("retry-after") ?? "") ?? 0 >= 1, "\(method) \(path): a 503 says when to try again")
            }
            let audit = try await api.send("GET", "/api/audit", key: api.adminKey)
            #expect((audit.json["entries"] as? [[String: Any]])?.isEmpty == true, "a failed call changes nothing")
            let contacts = try await api.send("GET", "/api/contacts", key: api.adminKey)
            #expect((contacts.json["contacts"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func ourOwnStateFailing_isDatabaseUnavailable_notApolloUnavailable() async throws {
        try await APIHarness.withApp { api in
            // The rate-limit windows live in our database; without their table the governor cannot admit a call.
            try await (api.app.db as! any SQLDatabase).raw("DROP TABLE apollo_rate_windows").run()
            let response = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: #"{"perPage": 3}"#)
            let error = response.json["error"] as? [String: Any]
            #expect(response.status == 503 && error?["code"] as? String == "database_unavailable", "\(response.status) \(response.body.prefix(300))")
            #expect(response.header("retry-after") == "1")
            #expect(await api.simulator.engine.callCount(route: "api/v1/mixed_people/api_search") == 0, "nothing was sent to Apollo")
        }
    }
}
