import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// Sequences and tasks through HTTP, on the run's engine.
@Suite struct APIEngagementTests {
    private func field(_ response: RawResponse) -> String? {
        ((response.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String
    }

    @Test func sequences_searchAddPausedAndStop() async throws {
        try await APIHarness.withApp { api in
            let key = api.adminKey
            let data = await api.simulator.engine.snapshot()
            let mailbox = try #require(data.users.first?.emailAccountID)
            let contacts = data.contacts.prefix(2).map(\.id)
            let found = try await api.send("POST", "/api/sequences/search", key: key, json: "{}")
            let sequence = try #require((found.json["sequences"] as? [[String: Any]])?.first?["id"] as? String)
            let added = try await api.send(
                "POST", "/api/sequences/\(sequence)/contacts", key: key,
                json: #"{"contactIds": ["\#(contacts[0])", "\#(contacts[1])"], "emailAccountId": "\#(mailbox)"}"#)
            #expect(added.status == 200, "\(added.body)")
            #expect(added.json["status"] as? String == "paused")
            let addedIDs = (added.json["added"] as? [String]) ?? []
            let skipped = (added.json["skipped"] as? [String: String]) ?? [:]
            #expect(Set(addedIDs).union(skipped.keys) == Set(contacts))
            let noMailbox = try await api.send("POST", "/api/sequences/\(sequence)/contacts", key: key, json: #"{"contactIds": ["\#(contacts[0])"]}"#)
            #expect(noMailbox.status == 400 && field(noMailbox) == "emailAccountId")
            let stopped = try await api.send(
                "POST", "/api/sequences/remove", key: key,
                json: #"{"sequenceIds": ["\#(sequence)"], "contactIds": ["\#(contacts[0])"], "mode": "stop"}"#)
            #expect(stopped.status == 200 && stopped.json["mode"] as? String == "stop")
            let badMode = try await api.send(
                "POST", "/api/sequences/remove", key: key,
                json: #"{"sequenceIds": ["\#(sequence)"], "contactIds": ["\#(contacts[0])"], "mode": "pause"}"#)
            #expect(badMode.status == 400 && field(badMode) == "mode")
            let badID = try await api.send(
                "POST", "/api/sequences/remove", key: key, json: #"{"sequenceIds": ["\#(sequence)"], "contactIds": ["x"], "mode": "stop"}"#)
            #expect(badID.status == 400 && field(badID) == "contactIds[0]", "a malformed Apollo id is refused before Apollo is called")
            let audit = try await api.send("GET", "/api/audit?entityType=sequence", key: key)
            #expect(
                ((audit.json["entries"] as? [[String: Any]]) ?? []).map { $0["action"] as? String } == [
                    "sequence.contacts_stop", "sequence.contacts_added",
                ])
        }
    }

    @Test func tasks_createOneOrManyAndList() async throws {
        try await APIHarness.withApp { api in
            let key = api.adminKey
            let data = await api.simulator.engine.snapshot()
            let user = try #require(data.users.first?.id)
            let contacts = data.contacts.prefix(3).map { #""\#($0.id)""# }
            let one = try await api.send(
                "POST", "/api/tasks", key: key,
                json: """
                    {"userId": "\(user)", "contactIds": [\(contacts[0])], "type": "call", "dueAt": "2026-12-01T09:00:00Z", "priority": "high", "title": "Call back"}
                    """)
            #expect(one.status == 201, "\(one.body)")
            #expect((one.json["tasks"] as? [[String: Any]])?.count == 1)
            let many = try await api.send(
                "POST", "/api/tasks", key: key,
                json: """
                    {"userId": "\(user)", "contactIds": [\(contacts.joined(separator: ","))], "type": "action_item", "dueAt": "2026-12-02T09:00:00Z"}
                    """)
            #expect(many.status == 201 && (many.json["tasks"] as? [[String: Any]])?.count == 3)
            let badType = try await api.send(
                "POST", "/api/tasks", key: key,
                json: """
                    {"userId": "\(user)", "contactIds": [\(contacts[0])], "type": "fax", "dueAt": "2026-12-01T09:00:00Z"}
                    """)
            #expect(badType.status == 400 && field(badType) == "type")
            let badDate = try await api.send(
                "POST", "/api/tasks", key: key,
                json: """
                    {"userId": "\(user)", "contactIds": [\(contacts[0])], "type": "call", "dueAt": "tomorrow"}
                    """)
            #expect(badDate.status == 400 && field(badDate) == "dueAt")
            let listed = try await api.send("GET", "/api/tasks?perPage=100", key: key)
            #expect(listed.status == 200 && ((listed.json["tasks"] as? [[String: Any]])?.count ?? 0) >= 4)
            let audit = try await api.send("GET", "/api/audit?action=task.created", key: key)
            #expect((audit.json["entries"] as? [[String: Any]])?.count == 4)
        }
    }

    @Test func syncRoutes_runNowAsAJob_andReportEachObject() async throws {
        try await APIHarness.withApp(environment: ["SYNC_INTERVAL_MINUTES": "0"]) { api in
            let accepted = try await api.send("POST", "/api/sync/contacts", key: api.adminKey)
            #expect(accepted.status == 202 && accepted.json["alreadyQueued"] as? Bool == false)
            let again = try await api.send("POST", "/api/sync/contacts", key: api.adminKey)
            #expect(again.json["jobId"] as? Int == accepted.json["jobId"] as? Int && again.json["alreadyQueued"] as? Bool == true)
            #expect(try await api.send("POST", "/api/sync/leads", key: api.adminKey).status == 400)
            let status = try await api.send("GET", "/api/sync", key: api.adminKey)
            #expect((status.json["objects"] as? [[String: Any]])?.map { $0["object"] as? String } == ["contacts", "accounts", "deals"])
        }
    }
}
