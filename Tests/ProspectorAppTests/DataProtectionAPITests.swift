import ApolloIOClient
import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// Spend approval, dry runs, subject export and erasure's refusals over HTTP, on the run's engine.
@Suite struct DataProtectionAPITests {
    private static func people(_ api: APIHarness.Context, _ count: Int) async -> String {
        let emails = await api.simulator.engine.snapshot().people.compactMap(\.email).prefix(count)
        return "[" + emails.map { #"{"email": "\#($0)"}"# }.joined(separator: ", ") + "]"
    }

    @Test func bulkEnrichment_dryRunSpendsNothing_andAboveTheThresholdWaitsForAnAdmin() async throws {
        try await APIHarness.withApp(environment: ["CREDITS_APPROVAL_THRESHOLD": "10"], worker: true) { api in
            let enricher = try await api.key(["read", "enrich"])
            let twelve = await Self.people(api, 12)
            let dry = try await api.send("POST", "/api/leads/enrich/bulk", key: enricher, json: #"{"people": \#(twelve), "dryRun": true}"#)
            #expect(dry.status == 200 && dry.json["newRecords"] as? Int == 12 && dry.json["worstCaseCredits"] as? Double == 12, "\(dry.body)")
            #expect(dry.json["apolloCalls"] as? Int == 2 && (dry.json["estimatedSeconds"] as? Double ?? 0) > 0)

            let held = try await api.send("POST", "/api/leads/enrich/bulk", key: enricher, json: #"{"people": \#(twelve)}"#)
            #expect(held.status == 202 && held.json["state"] as? String == "awaiting_approval" && held.json["jobId"] == nil, "\(held.body)")
            let approvalID = try #require(held.json["approvalId"] as? String)
            #expect(held.header("location") == "/api/approvals/\(approvalID)")
            #expect(try await api.send("POST", "/api/approvals/\(approvalID)/approve", key: enricher).status == 403, "admins approve")
            let listed = try await api.send("GET", "/api/approvals?status=awaiting_approval", key: api.adminKey)
            #expect((listed.json["approvals"] as? [[String: Any]])?.map { $0["id"] as? String } == [approvalID])
            #expect(await api.simulator.engine.callCount(route: "api/v1/people/bulk_match") == 0, "nothing ran yet")

            let approved = try await api.send("POST", "/api/approvals/\(approvalID)/approve", key: api.adminKey)
            let approval = try #require(approved.json["approval"] as? [String: Any], "\(approved.body)")
            #expect(approval["status"] as? String == "approved")
            let job = try await api.waitForJob(try #require(approval["jobId"] as? Int))
            #expect((job["result"] as? [String: Any])?["matched"] as? Int == 12)
            #expect(try await api.send("POST", "/api/approvals/\(approvalID)/reject", key: api.adminKey).status == 409)
            #expect(try await api.send("GET", "/api/approvals?status=lost", key: api.adminKey).status == 400)
            #expect(try await api.send("POST", "/api/approvals/\(UUID())/approve", key: api.adminKey).status == 404)

            let small = try await api.send("POST", "/api/leads/enrich/bulk", key: enricher, json: #"{"people": \#(await Self.people(api, 3))}"#)
            #expect(small.status == 202 && small.json["jobId"] is Int, "within the threshold: enqueued at once")
        }
    }

    @Test func export_andErase_areForAdmins_andRefuseWhatTheyCannotDo() async throws {
        try await APIHarness.withApp { api in
            let email = try #require(await api.simulator.engine.snapshot().people.compactMap(\.email).first)
            let enriched = try await api.send("POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(email)"}"#)
            let id = try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String)
            let reader = try await api.key(["read", "write", "enrich"])
            #expect(try await api.send("GET", "/api/contacts/\(id)/export", key: reader).status == 403)
            #expect(try await api.send("DELETE", "/api/contacts/\(id)?erase=true", key: reader).status == 403)

            let export = try await api.send("GET", "/api/contacts/\(id)/export", key: api.adminKey)
            #expect(export.status == 200 && (export.json["contact"] as? [String: Any])?["email"] as? String == email.lowercased(), "\(export.body)")
            #expect((export.json["enrichmentHistory"] as? [[String: Any]])?.first?["creditsCharged"] as? Double == 1)
            #expect((export.json["auditTrail"] as? [[String: Any]])?.isEmpty == false)

            #expect(try await api.send("DELETE", "/api/contacts/\(id)", key: api.adminKey).status == 400, "erase=true is required")
            #expect(try await api.send("DELETE", "/api/contacts/\(id)?erase=yes", key: api.adminKey).status == 400)
            #expect(try await api.send("DELETE", "/api/contacts/\(UUID())?erase=true", key: api.adminKey).status == 404)
            #expect(try await api.send("DELETE", "/api/contacts/\(id)?erase=true", key: api.adminKey).status == 200)
            #expect(try await api.send("DELETE", "/api/contacts/\(id)?erase=true", key: api.adminKey).status == 404, "erased once")
            let after = try await api.send("GET", "/api/contacts/\(id)/export", key: api.adminKey)
            #expect(after.status == 200 && (after.json["contact"] as? [String: Any])?["email"] == nil, "the tombstone holds no data")
            #expect(try await api.send("GET", "/api/contacts/\(id)", key: api.adminKey).status == 404)
        }
    }
}
