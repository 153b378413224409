import ApolloIOSimulator
import Foundation
import ProspectorApp
import TestSupport
import Testing

/// The reference's jobs by their names on `apollo-enrichment`, added from outside as BullMQ's `queue.add` adds them.
@Suite struct ReferenceJobsTests {
    private func field(_ response: RawResponse) -> String? {
        ((response.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String
    }

    @Test func enrichPersonAndOrg_byName_storeTheContactAndTheOrganization() async throws {
        try await APIHarness.withApp(worker: true) { api in
            let data = await api.simulator.engine.snapshot()
            let person = try #require(data.people.first { $0.email != nil })
            let organization = try #require(data.organizations.first)
            let added = try await api.send(
                "POST", "/api/jobs", key: api.adminKey,
                json: #"{"queue": "apollo-enrichment", "name": "enrich-person", "data": {"email": "\#(person.email!)"}}"#)
            #expect(added.status == 202, "\(added.body.prefix(300))")
            let personJob = try await api.waitForJob(try #require(added.json["id"] as? Int))
            #expect(personJob["name"] as? String == "enrich-person" && personJob["queue"] as? String == "apollo-enrichment")
            #expect(personJob["maxAttempts"] as? Int == 3, "the queue's default attempts")
            let result = try #require(personJob["result"] as? [String: Any])
            #expect(result["matched"] as? Bool == true && result["apolloId"] as? String == person.id)
            let contactID = try #require(result["contactId"] as? String)
            let contact = try await api.send("GET", "/api/contacts/\(contactID)", key: api.adminKey)
            #expect((contact.json["contact"] as? [String: Any])?["apolloId"] as? String == person.id)

            let org = try await api.send(
                "POST", "/api/jobs", key: api.adminKey, json: #"{"name": "enrich-org", "data": {"domain": "\#(organization.domain)"}}"#)
            #expect(org.status == 202 && org.json["queue"] as? String == "apollo-enrichment", "the kind's queue when none is named")
            let orgJob = try await api.waitForJob(try #require(org.json["id"] as? Int))
            #expect((orgJob["result"] as? [String: Any])?["domain"] as? String == organization.domain)
            let stored = try await api.send("GET", "/api/org/\(organization.domain)", key: api.adminKey)
            #expect(stored.status == 200)
        }
    }

    @Test func bulkSearch_reportsProgressPerDomain_andKeepsThePeopleWithItsResult() async throws {
        try await APIHarness.withApp(worker: true) { api in
            let domains = await api.simulator.engine.snapshot().organizations.prefix(3).map(\.domain)
            let list = domains.map { "\"\($0)\"" }.joined(separator: ", ")
            let added = try await api.send(
                "POST", "/api/jobs", key: api.adminKey,
                json: #"{"queue": "apollo-enrichment", "name": "bulk-search", "data": {"domains": [\#(list)]}}"#)
            #expect(added.status == 202, "\(added.body.prefix(300))")
            let job = try await api.waitForJob(try #require(added.json["id"] as? Int))
            let progress = try #require(job["progress"] as? [String: Any])
            #expect(progress["done"] as? Int == 3 && progress["total"] as? Int == 3)
            let result = try #require(job["result"] as? [String: Any])
            let perDomain = try #require(result["domains"] as? [[String: Any]])
            #expect(perDomain.map { $0["domain"] as? String } == domains.map { $0 })
            let people = perDomain.flatMap { $0["people"] as? [[String: Any]] ?? [] }
            #expect(result["total"] as? Int == people.count && people.count > 0)
            #expect(people.allSatisfy { $0["apolloId"] is String })
        }
    }

    @Test func options_haveBullMQsMeanings_andAJobIdMakesASecondAddTheSameJob() async throws {
        try await APIHarness.withApp { api in
            let body = #"""
                {"queue": "apollo-enrichment", "name": "enrich-person", "data": {"email": "someone@example.com"},
                 "opts": {"attempts": 5, "backoff": {"type": "fixed", "delay": 2000}, "delay": 60000, "priority": 7, "jobId": "person-1",
                          "removeOnComplete": true, "removeOnFail": {"count": 10}}}
                """#
            let before = Date()
            let first = try await api.send("POST", "/api/jobs", key: api.adminKey, json: body)
            #expect(first.status == 202 && first.json["existing"] as? Bool == false, "\(first.body.prefix(300))")
            #expect(first.header("location") == "/api/jobs/\(first.json["id"] as? Int ?? 0)")
            let second = try await api.send("POST", "/api/jobs", key: api.adminKey, json: body)
            #expect(second.json["id"] as? Int == first.json["id"] as? Int && second.json["existing"] as? Bool == true)
            #expect(second.json["jobId"] as? String == "person-1")
            let shown = try await api.send("GET", "/api/jobs/\(first.json["id"] as? Int ?? 0)", key: api.adminKey)
            let job = try #require(shown.json["job"] as? [String: Any])
            #expect(job["maxAttempts"] as? Int == 5 && job["priority"] as? Int == 7 && job["jobId"] as? String == "person-1")
            let runAt = try #require((job["runAt"] as? String).flatMap { try? Date.ISO8601FormatStyle().parse($0) })
            #expect(runAt.timeIntervalSince(before) >= 59, "delay is in milliseconds")
        }
    }

    @Test func unknownNamesBadDataAndBadOptions_are400NamingTheField_andEnqueueNothing() async throws {
        try await APIHarness.withApp { api in
            let cases: [(String, String)] = [
                (#"{"name": "enrich-everyone", "data": {}}"#, "name"),
                (#"{"queue": "enrich", "name": "enrich-person", "data": {"email": "a@b.co"}}"#, "queue"),
                (#"{"name": "enrich-person", "data": {}}"#, "data.email"),
                (#"{"name": "enrich-person", "data": {"email": 42}}"#, "data.email"),
                (#"{"name": "enrich-person", "data": {"email": "not an email"}}"#, "data.email"),
                (#"{"name": "bulk-search", "data": {"domains": []}}"#, "data.domains"),
                (#"{"name": "bulk-search", "data": {"domains": ["ok.com", "not a domain"]}}"#, "data.domains[1]"),
                (#"{"name": "enrich-org", "data": {"domain": "x.com"}, "opts": {"attempts": 0}}"#, "opts.attempts"),
                (#"{"name": "enrich-org", "data": {"domain": "x.com"}, "opts": {"priority": -1}}"#, "opts.priority"),
                (#"{"name": "enrich-org", "data": {"domain": "x.com"}, "opts": {"jobId": "12"}}"#, "opts.jobId"),
                (#"{"name": "enrich-org", "data": {"domain": "x.com"}, "opts": {"backoff": {"type": "linear"}}}"#, "opts.backoff.type"),
                (#"{"name": "enrich-org", "data": {"domain": "x.com"}, "opts": {"removeOnComplete": -3}}"#, "opts.removeOnComplete"),
            ]
            for (body, expected) in cases {
                let response = try await api.send("POST", "/api/jobs", key: api.adminKey, json: body)
                #expect(response.status == 400 && field(response) == expected, "\(body) → \(response.status) \(response.body.prefix(200))")
            }
            let jobs = try await api.send("GET", "/api/jobs", key: api.adminKey)
            #expect((jobs.json["jobs"] as? [Any])?.isEmpty == true, "nothing was enqueued")
            // A malformed `queue` is refused even for a SQL job, where it does not matter (found by schemathesis).
            for path in ["/api/jobs/1?queue=", "/api/jobs/1?queue=\(String(repeating: "q", count: 101))"] {
                let response = try await api.send("GET", path, key: api.adminKey)
                #expect(response.status == 400 && field(response) == "queue", "\(path) → \(response.status)")
            }
            let readOnly = try await api.key(["read"])
            let refused = try await api.send("POST", "/api/jobs", key: readOnly, json: #"{"name": "enrich-org", "data": {"domain": "x.com"}}"#)
            #expect(refused.status == 403)
        }
    }
}

/// Stage rules through HTTP and the worker: a deal created in a ruled stage gets its tasks, one job per task.
@Suite struct StageEntryFlowTests {
    @Test func aDealCreatedInARuledStage_getsItsTasksThroughTheTaskCreatorJobs() async throws {
        let configuration = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 20, contacts: 40, accounts: 10, opportunities: 5))
        // The simulator's data follows its seed: the stage the rules name is known before the app boots with them.
        let stage = try #require(await SimulatorEngine(configuration: configuration).snapshot().opportunityStages.last?.id)
        let rules = #"[{"stageId": "\#(stage)", "tasks": [{"type": "call", "title": "Welcome call", "dueInDays": 1, "assignee": "owner"}]}]"#
        try await APIHarness.withApp(simulator: configuration, environment: ["STAGE_RULES": rules], worker: true) { api in
            #expect(await api.simulator.engine.snapshot().opportunityStages.last?.id == stage)
            // The team's contacts, so that the deal can name them (this worker runs no sync queue).
            _ = try await api.app.appServices.sync.run(.contacts)
            let data = await api.simulator.engine.snapshot()
            let owner = try #require(data.users.first?.id)
            let contacts = data.contacts.prefix(2).map { "\"\($0.id)\"" }.joined(separator: ", ")
            let tasksBefore = data.tasks.count
            let body = #"{"name": "Fresh", "amount": 1000, "ownerId": "\#(owner)", "stageId": "\#(stage)", "contactIds": [\#(contacts)]}"#
            let created = try await api.send("POST", "/api/deals", key: api.adminKey, json: body)
            #expect(created.status == 201, "\(created.body.prefix(300))")
            // The dispatcher runs once a minute on its own; here it is asked now (the worker may get there first).
            _ = try await api.app.appServices.automation.dispatch()
            try await waitUntil { await api.simulator.engine.snapshot().tasks.count == tasksBefore + 2 }
            let jobs = try await api.send("GET", "/api/jobs?queue=automation", key: api.adminKey)
            let creators = (jobs.json["jobs"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "automation.create_task" }
            #expect(creators.count == 2)
            let tasks = await api.simulator.engine.snapshot().tasks.suffix(2)
            #expect(tasks.allSatisfy { $0.title == "Welcome call" && $0.userID == owner })
        }
    }
}
