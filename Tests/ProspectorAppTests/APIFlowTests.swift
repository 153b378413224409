import ApolloIOSimulator
import Fluent
import Foundation
import SQLKit
import TestSupport
import Testing

/// The product through HTTP only, on the run's engine: search → bulk enrich → contacts stored → deal for an account →
/// stage changed → audit trail; and the single-record routes beside it.
@Suite struct APIFlowTests {
    @Test func searchEnrichStoreDealStageAudit() async throws {
        try await APIHarness.withApp(worker: true) { api in
            let key = api.adminKey
            let data = await api.simulator.engine.snapshot()
            let organization = try #require(
                data.organizations.first { org in data.people.filter { $0.organizationID == org.id && $0.email != nil }.count >= 3 })
            let search = try await api.send(
                "POST", "/api/leads/search", key: key, json: #"{"domains": ["www.\#(organization.domain)"], "perPage": 100}"#)
            #expect(search.status == 200)
            let leads = try #require(search.json["leads"] as? [[String: Any]])
            #expect(!leads.isEmpty && (search.json["pagination"] as? [String: Any])?["page"] as? Int == 1)
            let ids = leads.prefix(10).compactMap { $0["id"] as? String }
            let people = ids.map { #"{"apolloId": "\#($0)"}"# }.joined(separator: ",")
            let accepted = try await api.send("POST", "/api/leads/enrich/bulk", key: key, json: #"{"people": [\#(people)]}"#)
            #expect(accepted.status == 202)
            let jobID = try #require(accepted.json["jobId"] as? Int)
            let job = try await api.waitForJob(jobID)
            let summary = try #require(job["result"] as? [String: Any])
            #expect(summary["matched"] as? Int == ids.count)
            #expect((job["progress"] as? [String: Any])?["done"] as? Int == ids.count)

            let contacts = try #require(try await api.send("GET", "/api/contacts?limit=500", key: key).json["contacts"] as? [[String: Any]])
            #expect(Set(contacts.compactMap { $0["apolloId"] as? String }) == Set(ids), "every enriched person is stored")
            #expect(contacts.allSatisfy { $0["organizationId"] as? String != nil }, "and linked to its organization")

            let owner = try #require(data.users.first?.id)
            let account = try #require(data.accounts.first?.id)
            let stages = try #require(try await api.send("GET", "/api/deals/stages", key: key).json["stages"] as? [[String: Any]])
            #expect(stages.count >= 2)
            let first = try #require(stages.first?["id"] as? String)
            let second = try #require(stages.last?["id"] as? String)
            let created = try await api.send(
                "POST", "/api/deals", key: key,
                json: """
                    {"name": "Expansion", "amount": 48000, "ownerId": "\(owner)", "accountId": "\(account)", "stageId": "\(first)",
                     "contactIds": ["\(ids[0])", "\(ids[1])"]}
                    """, headers: ["x-request-id": "create-deal-1"])
            #expect(created.status == 201)
            let dealID = try #require(created.json["dealId"] as? String)
            #expect(created.json["name"] as? String == "Expansion")
            let moved = try await api.send(
                "PATCH", "/api/deals/\(dealID)", key: key, json: #"{"stageId": "\#(second)"}"#, headers: ["x-request-id": "move-deal-1"])
            #expect(moved.status == 200)
            #expect((moved.json["deal"] as? [String: Any])?["stageId"] as? String == second)
            let shown = try #require(try await api.send("GET", "/api/deals/\(dealID)", key: key).json["deal"] as? [String: Any])
            #expect(shown["amount"] as? Double == 48000 && shown["accountId"] as? String == account)
            let listed = try #require(try await api.send("GET", "/api/deals?page=1", key: key).json["deals"] as? [[String: Any]])
            #expect(listed.allSatisfy { $0["id"] != nil && $0["name"] != nil && $0.keys.contains("stage") && $0.keys.contains("owner") })

            let audit = try #require(try await api.send("GET", "/api/audit?limit=1000", key: key).json["entries"] as? [[String: Any]])
            let contactEntries = audit.filter { $0["action"] as? String == "contact.created" }
            #expect(
                contactEntries.count == ids.count
                    && contactEntries.allSatisfy { $0["actorType"] as? String == "job" && $0["actorId"] as? String == String(jobID) })
            let dealEntries = audit.filter { $0["entityType"] as? String == "deal" && $0["entityId"] as? String == dealID }
            #expect(dealEntries.map { $0["action"] as? String } == ["deal.stage_changed", "deal.created"])
            #expect(dealEntries.map { $0["requestId"] as? String } == ["move-deal-1", "create-deal-1"])
            #expect(dealEntries.allSatisfy { $0["actorType"] as? String == "api_key" })
            #expect((dealEntries.first?["before"] as? [String: Any])?["stageId"] as? String == first)
        }
    }

    @Test func singleEnrichment_organizations_jobsAndCredits() async throws {
        try await APIHarness.withApp { api in
            let key = api.adminKey
            let data = await api.simulator.engine.snapshot()
            let person = try #require(data.people.first { $0.email != nil })
            let enriched = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!.uppercased())"}"#)
            #expect(enriched.status == 200)
            let contact = try #require(enriched.json["contact"] as? [String: Any])
            #expect(contact["email"] as? String == person.email!.lowercased() && contact["apolloId"] as? String == person.id)
            let again = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)"}"#)
            #expect((again.json["contact"] as? [String: Any])?["id"] as? String == contact["id"] as? String)
            #expect(await api.simulator.engine.creditsCharged == 1, "the second enrichment came from memory")
            let nobody = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "nobody@nowhere.invalid"}"#)
            #expect(nobody.status == 404)

            let domain = try #require(data.organizations.first?.domain)
            let organization = try await api.send("GET", "/api/organizations/\(domain)", key: key)
            #expect(organization.status == 200 && (organization.json["organization"] as? [String: Any])?["domain"] as? String == domain)
            #expect(try await api.send("GET", "/api/organizations/nowhere.invalid", key: key).status == 404)
            #expect(try await api.send("GET", "/api/organizations/localhost", key: key).status == 400)
            let found = try await api.send("POST", "/api/organizations/search", key: key, json: #"{"domains": ["\#(domain)"]}"#)
            #expect((found.json["organizations"] as? [[String: Any]])?.isEmpty == false)

            let credits = try #require(try await api.send("GET", "/api/credits", key: key).json as [String: Any]?)
            #expect((credits["all"] as? [String: Any])?["today"] as? Double == 3, "person, organization, search page")
            #expect((credits["thisKey"] as? [String: Any])?["today"] as? Double == 3)
            let byEndpoint = try #require(credits["byEndpoint"] as? [String: [String: Any]])
            #expect(
                byEndpoint["api/v1/people/match"]?["today"] as? Double == 1 && byEndpoint["api/v1/organizations/enrich"]?["today"] as? Double == 1)
            let shown = try await api.send("GET", "/api/contacts/\(contact["id"] as? String ?? "")", key: key)
            #expect((shown.json["contact"] as? [String: Any])?["email"] as? String == person.email!.lowercased())
            #expect(try await api.send("GET", "/api/contacts/\(UUID().uuidString)", key: key).status == 404)

            let bulk = try await api.send("POST", "/api/leads/enrich/bulk", key: key, json: #"{"people": [{"email": "a@b.co"}]}"#)
            let jobID = try #require(bulk.json["jobId"] as? Int)
            #expect(bulk.header("location") == "/api/jobs/\(jobID)")
            let cancelled = try await api.send("POST", "/api/jobs/\(jobID)/cancel", key: key)
            #expect((cancelled.json["job"] as? [String: Any])?["state"] as? String == "cancelled")
            let retried = try await api.send("POST", "/api/jobs/\(jobID)/retry", key: key)
            #expect((retried.json["job"] as? [String: Any])?["state"] as? String == "available")
            let list = try await api.send("GET", "/api/jobs?state=available&queue=enrich", key: key)
            #expect((list.json["jobs"] as? [[String: Any]])?.map { $0["id"] as? Int } == [jobID])
            #expect(try await api.send("GET", "/api/jobs/999999", key: key).status == 404)
            #expect(try await api.send("POST", "/api/jobs/999999/cancel", key: key).status == 404)
        }
    }

    /// Bodies big enough to arrive in several reads: the key is bound to the whole body, not to what had arrived when
    /// the middleware ran (the fuzz found two large bodies with one key answered as the same request).
    @Test func idempotencyKey_bindsTheWholeOfALargeBody() async throws {
        try await APIHarness.withApp { api in
            func search(_ keyword: String) -> String {
                #"{"keywords": "\#(keyword)", "titles": [\#(Array(repeating: #""\#(String(repeating: "x", count: 150))""#, count: 90).joined(separator: ", "))]}"#
            }
            let headers = ["idempotency-key": "large-body-1"]
            let first = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: search("first"), headers: headers)
            #expect(first.status == 200, "\(first.body.prefix(300))")
            let other = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: search("other"), headers: headers)
            #expect(other.status == 409, "another body with the same key: \(other.body.prefix(300))")
            let again = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: search("first"), headers: headers)
            #expect(again.status == 200 && again.header("idempotent-replayed") == "true")
        }
    }

    @Test func idempotencyKey_replaysTheFirstResponse_andRefusesAnotherBody() async throws {
        try await APIHarness.withApp { api in
            let data = await api.simulator.engine.snapshot()
            let owner = try #require(data.users.first?.id)
            let body = #"{"name": "Once", "amount": 100, "ownerId": "\#(owner)"}"#
            let headers = ["idempotency-key": "deal-once-1"]
            let first = try await api.send("POST", "/api/deals", key: api.adminKey, json: body, headers: headers)
            #expect(first.status == 201)
            let opportunities = await api.simulator.engine.snapshot().opportunities.count
            let repeated = try await api.send("POST", "/api/deals", key: api.adminKey, json: body, headers: headers)
            #expect(repeated.status == 201 && repeated.body == first.body)
            #expect(repeated.header("idempotent-replayed") == "true")
            #expect(await api.simulator.engine.snapshot().opportunities.count == opportunities, "the repeat created nothing in Apollo")
            let other = try await api.send(
                "POST", "/api/deals", key: api.adminKey, json: #"{"name": "Twice", "amount": 100, "ownerId": "\#(owner)"}"#,
                headers: headers)
            #expect(other.status == 409 && (other.json["error"] as? [String: Any])?["code"] as? String == "conflict")
            // Keys are per API key: another key may use the same value for its own request.
            let second = try await api.key(["write"])
            #expect(try await api.send("POST", "/api/deals", key: second, json: body, headers: headers).status == 201)
            let invalid = try await api.send("POST", "/api/deals", key: api.adminKey, json: body, headers: ["idempotency-key": "has space"])
            #expect(invalid.status == 400)
        }
    }

    @Test func idempotencyKey_replaysADeterministicRefusal_butNotAFailureOnOurSide() async throws {
        try await APIHarness.withApp { api in
            let refused = #"{"name": "No owner", "amount": 100}"#
            let first = try await api.send("POST", "/api/deals", key: api.adminKey, json: refused, headers: ["idempotency-key": "refused-1"])
            #expect(first.status == 400)
            let again = try await api.send("POST", "/api/deals", key: api.adminKey, json: refused, headers: ["idempotency-key": "refused-1"])
            #expect(again.status == 400 && again.header("idempotent-replayed") == "true", "\(again.status) \(again.body)")
            #expect(again.json["error"] as? NSDictionary == first.json["error"] as? NSDictionary, "the first answer, request id included")
            // A 503 is not the request's fault: it is not kept, and the repeat runs again (and fails again, live).
            try await (api.app.db as! any SQLDatabase).raw("DROP TABLE apollo_rate_windows").run()
            let search = #"{"perPage": 3}"#
            let failed = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: search, headers: ["idempotency-key": "ours-1"])
            #expect(failed.status == 503)
            let repeated = try await api.send("POST", "/api/leads/search", key: api.adminKey, json: search, headers: ["idempotency-key": "ours-1"])
            #expect(repeated.status == 503 && repeated.header("idempotent-replayed") == nil, "ran again, not replayed")
            #expect(
                (repeated.json["error"] as? [String: Any])?["requestId"] as? String != (failed.json["error"] as? [String: Any])?["requestId"]
                    as? String)
        }
    }
}
