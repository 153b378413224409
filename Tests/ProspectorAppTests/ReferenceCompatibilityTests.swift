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

    @Test func enrich_withTheReferenceBody_answersTheReferencesContact_andApollosRecordOnlyOnRequest() async throws {
        try await APIHarness.withApp { api in
            let person = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil && $0.mobilePhone != nil })
            let enriched = try await api.send("POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(person.email!)"}"#)
            #expect(enriched.status == 200, "\(enriched.body.prefix(300))")
            let contact = try #require(enriched.json["contact"] as? [String: Any])
            #expect(contact["apolloId"] as? String == person.id)
            #expect(contact["email"] as? String == person.email!.lowercased())
            #expect(contact["name"] as? String == person.name)
            for key in ["title", "seniority", "linkedinUrl", "organizationId", "enrichedAt", "createdAt", "updatedAt"] {
                #expect(contact[key] != nil, "\(key) is missing: \(contact.keys.sorted())")
            }
            #expect(contact.keys.contains("phone"), "phone is always present (a number or null)")
            #expect(contact["rawApolloData"] == nil, "Apollo's record only on request")
            let id = try #require(contact["id"] as? String)
            let shown = try await api.send("GET", "/api/contacts/\(id)?include=rawApolloData", key: api.adminKey)
            let raw = try #require((shown.json["contact"] as? [String: Any])?["rawApolloData"] as? [String: Any], "\(shown.body.prefix(300))")
            #expect(raw["id"] as? String == person.id)
            let listed = try await api.send("GET", "/api/contacts?include=rawApolloData", key: api.adminKey)
            #expect(((listed.json["contacts"] as? [[String: Any]])?.first?["rawApolloData"]) != nil)
            let bad = try await api.send("GET", "/api/contacts/\(id)?include=everything", key: api.adminKey)
            #expect(bad.status == 400 && ((bad.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == "include")
        }
    }

    @Test func organizations_giveApollosRecordOnlyOnRequest() async throws {
        try await APIHarness.withApp { api in
            let domain = try #require(await api.simulator.engine.snapshot().organizations.first?.domain)
            let plain = try await api.send("GET", "/api/org/\(domain)", key: api.adminKey)
            #expect((plain.json["organization"] as? [String: Any])?["rawApolloData"] == nil)
            let raw = try await api.send("GET", "/api/organizations/\(domain)?include=rawApolloData", key: api.adminKey)
            #expect(((raw.json["organization"] as? [String: Any])?["rawApolloData"] as? [String: Any]) != nil, "\(raw.body.prefix(300))")
        }
    }

    @Test func dealList_namesStageAndOwner_inPagesOf50_andShowsAnUpdate() async throws {
        try await APIHarness.withApp { api in
            let data = await api.simulator.engine.snapshot()
            let owner = try #require(data.users.first)
            let stage = try #require(data.opportunityStages.last)
            let created = try await api.send(
                "POST", "/api/deals", key: api.adminKey, json: #"{"name": "Reference deal", "amount": 1000, "ownerId": "\#(owner.id)"}"#)
            let dealID = try #require(created.json["dealId"] as? String, "\(created.body.prefix(300))")
            let patched = try await api.send(
                "PATCH", "/api/deals/\(dealID)", key: api.adminKey, json: #"{"amount": 2500, "stageId": "\#(stage.id)"}"#)
            #expect(patched.status == 200, "\(patched.body.prefix(300))")
            var found: [String: Any]?
            var page = 1
            while found == nil, page <= 20 {
                let listed = try await api.send("GET", "/api/deals?page=\(page)", key: api.adminKey)
                let deals = try #require(listed.json["deals"] as? [[String: Any]])
                #expect((listed.json["pagination"] as? [String: Any])?["perPage"] as? Int == 50)
                #expect(deals.count <= 50)
                found = deals.first { $0["id"] as? String == dealID }
                if deals.count < 50 { break }
                page += 1
            }
            let deal = try #require(found, "the new deal is listed")
            #expect((deal["amount"] as? NSNumber)?.doubleValue == 2500, "the list shows the update")
            #expect(deal["stageId"] as? String == stage.id && deal["stage"] as? String == stage.name)
            #expect(deal["ownerId"] as? String == owner.id && deal["owner"] as? String == "\(owner.firstName) \(owner.lastName)", "\(deal)")
        }
    }
}
