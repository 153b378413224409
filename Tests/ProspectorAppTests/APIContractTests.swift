import ApolloIOSimulator
import Foundation
import Logging
import TestSupport
import Testing

/// The server enforces exactly what its OpenAPI document states (issue 18): identifiers, Apollo id shapes, visible
/// text, the methods a path has, and the links between operations.
@Suite struct APIContractTests {
    private func field(_ response: RawResponse) -> String? {
        ((response.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String
    }

    private func code(_ response: RawResponse) -> String? { (response.json["error"] as? [String: Any])?["code"] as? String }

    @Test func apolloIds_malformedIs400NamingTheField_wellFormedButUnknownIs404() async throws {
        try await APIHarness.withApp { api in
            let before = await api.simulator.engine.callCount(route: "api/v1/opportunities/show")
            let malformed = try await api.send("GET", "/api/deals/not-an-id", key: api.adminKey)
            #expect(malformed.status == 400 && field(malformed) == "id", "\(malformed.body.prefix(200))")
            #expect(await api.simulator.engine.callCount(route: "api/v1/opportunities/show") == before, "refused before Apollo")
            let unknown = "0123456789abcdef01234567"
            let missing = try await api.send("GET", "/api/deals/\(unknown)", key: api.adminKey)
            #expect(missing.status == 404 && code(missing) == "not_found", "\(missing.status) \(missing.body.prefix(200))")
            let patched = try await api.send("PATCH", "/api/deals/\(unknown)", key: api.adminKey, json: #"{"amount": 5}"#)
            #expect(patched.status == 404 && code(patched) == "not_found", "\(patched.status) \(patched.body.prefix(200))")
            let mailbox = try #require(await api.simulator.engine.snapshot().users.first?.emailAccountID)
            let contact = try #require(await api.simulator.engine.snapshot().contacts.first?.id)
            let sequence = try await api.send(
                "POST", "/api/sequences/\(unknown)/contacts", key: api.adminKey,
                json: #"{"contactIds": ["\#(contact)"], "emailAccountId": "\#(mailbox)"}"#)
            #expect(sequence.status == 404 && code(sequence) == "not_found", "\(sequence.status) \(sequence.body.prefix(200))")
            let badSequence = try await api.send(
                "POST", "/api/sequences/nope/contacts", key: api.adminKey, json: #"{"contactIds": ["\#(contact)"], "emailAccountId": "\#(mailbox)"}"#)
            #expect(badSequence.status == 400 && field(badSequence) == "id")
            let badOwner = try await api.send("POST", "/api/deals", key: api.adminKey, json: #"{"name": "X", "amount": 1, "ownerId": "owner-1"}"#)
            #expect(badOwner.status == 400 && field(badOwner) == "ownerId")
        }
    }

    @Test func identifiersAndText_asTheDocumentStatesThem() async throws {
        try await APIHarness.withApp { api in
            let empty = try await api.send("POST", "/api/leads/enrich", key: api.adminKey, json: "{}")
            #expect(empty.status == 400 && field(empty) == "body")
            let formFeed = try await api.send("POST", "/api/keys", key: api.adminKey, json: #"{"name": "\f", "scopes": ["read"]}"#)
            #expect(formFeed.status == 400 && field(formFeed) == "name", "a name without a visible character is refused")
            let unicode = try await api.send("POST", "/api/keys", key: api.adminKey, json: #"{"name": "ключ", "scopes": ["read"]}"#)
            #expect(unicode.status == 201)
            // JSON may escape half a surrogate pair; Foundation refuses it, we read it as U+FFFD.
            let lone = try await api.send("POST", "/api/keys", key: api.adminKey, json: #"{"name": "a\ud800b", "scopes": ["read"]}"#)
            #expect(lone.status == 201, "\(lone.body.prefix(200))")
            #expect((lone.json["apiKey"] as? [String: Any])?["name"] as? String == "a\u{FFFD}b")
            let nullable = try await api.send("POST", "/api/keys", key: api.adminKey, json: #"{"name": null, "scopes": ["read"]}"#)
            #expect(nullable.status == 400 && field(nullable) == "name", "a required member is never null")
            let document = try await api.send("GET", "/openapi.json", key: nil).json
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            let person = try #require(schemas["PersonInput"])
            let choices = try #require(((person["allOf"] as? [[String: Any]])?.last?["anyOf"]) as? [[String: Any]], "\(person)")
            #expect(
                choices.map { ($0["required"] as? [String]) ?? [] } == [
                    ["email"], ["linkedinUrl"], ["apolloId"], ["name", "domain"], ["firstName", "lastName", "domain"],
                ])
        }
    }

    @Test func aFailedRequestIsLogged_byRouteStatusAndErrorType_neverWithApollosAnswer() async throws {
        let capture = LogCapture()
        try await APIHarness.withApp(logger: capture.logger(label: "app")) { api in
            let person = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil })
            await api.simulator.engine.startOutage(seconds: 600)
            let failed = try await api.send("POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(person.email!)"}"#)
            #expect(failed.status == 503)
            let lines = capture.all
            let line = try #require(lines.first { $0.contains("request failed") }, "\(lines.suffix(5))")
            #expect(line.contains("route=POST /api/leads/enrich") && line.contains("status=503") && line.contains("error=serverError(status: 503)"))
            #expect(line.contains("request-id="), "the request id travels in the logger's metadata")
            #expect(!lines.contains { $0.contains("<html") }, "Apollo's answer stays out of every line")
            #expect(!line.lowercased().contains(person.email!.lowercased()))
        }
    }

    @Test func allow_listsThePathsOwnMethods_andALiteralPathIsNotShadowed() async throws {
        try await APIHarness.withApp { api in
            let options = try await api.send("OPTIONS", "/api/deals/stages", key: api.adminKey)
            #expect(options.status == 405 && options.header("allow") == "GET", "\(options.status) \(options.header("allow") ?? "-")")
            let patch = try await api.send("PATCH", "/api/deals/stages", key: api.adminKey, json: #"{"amount": 1}"#)
            #expect(patch.status == 405 && patch.header("allow") == "GET")
            let search = try await api.send("OPTIONS", "/api/organizations/search", key: api.adminKey)
            #expect(search.header("allow") == "POST")
            let deal = try await api.send("OPTIONS", "/api/deals/0123456789abcdef01234567", key: api.adminKey)
            #expect(deal.header("allow") == "GET, PATCH")
        }
    }

    @Test func theDocumentLinksCreatedRecordsToTheOperationsOnThem() async throws {
        try await APIHarness.withApp { api in
            let paths = try #require(try await api.send("GET", "/openapi.json", key: nil).json["paths"] as? [String: [String: Any]])
            func links(_ path: String, _ method: String, _ status: String) -> [String: [String: Any]] {
                let responses = (paths[path]?[method] as? [String: Any])?["responses"] as? [String: Any]
                return ((responses?[status] as? [String: Any])?["links"] as? [String: [String: Any]]) ?? [:]
            }
            #expect(links("/api/deals", "post", "201")["UpdateDeal"]?["operationId"] as? String == "patchApiDealsId")
            #expect((links("/api/deals", "post", "201")["ShowDeal"]?["parameters"] as? [String: String])?["id"] == "$response.body#/dealId")
            #expect(links("/api/keys", "post", "201")["RevokeKey"]?["operationId"] as? String == "deleteApiKeysId")
            #expect(links("/api/webhooks", "post", "201")["DeleteWebhook"] != nil)
            #expect(links("/api/reveals", "post", "202")["ShowReveal"] != nil)
            #expect(links("/api/jobs", "post", "202")["ShowJob"] != nil)
            let operationIDs = Set(paths.values.flatMap { $0.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String } })
            for path in paths.values {
                for operation in path.values {
                    for response in ((operation as? [String: Any])?["responses"] as? [String: [String: Any]] ?? [:]).values {
                        for link in (response["links"] as? [String: [String: Any]] ?? [:]).values {
                            #expect(operationIDs.contains(link["operationId"] as? String ?? ""), "a link to an operation that exists: \(link)")
                        }
                    }
                }
            }
        }
    }
}
