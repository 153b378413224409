import ApolloIOClient
import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorData
import ProspectorServices
import SQLKit
import TestSupport
import Testing

/// Erasure over HTTP on the run's engine: a person synced, enriched, revealed, named in a bulk job, an idempotent
/// request and a webhook payload leaves no trace in any column of any table, and stays gone when Apollo still has
/// them.
@Suite struct ErasureTests {
    private static func simulator() -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 600, organizations: 60, contacts: 40, accounts: 10))
        configuration.webhookDelaySeconds = 0.2
        return configuration
    }

    /// A CRM contact of the simulator whose person has an email and a phone to reveal.
    private static func subject(_ api: APIHarness.Context) async throws -> (contact: SimContact, person: SimPerson) {
        let data = await api.simulator.engine.snapshot()
        let people = Dictionary(data.people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let contact = try #require(data.contacts.first { $0.email != nil && people[$0.personID ?? ""]?.mobilePhone != nil })
        return (contact, people[contact.personID!]!)
    }

    private static func traces(of person: SimPerson) -> [String] {
        let phone = person.mobilePhone ?? ""
        return [person.email ?? "", person.name, phone, phone.filter { $0.isNumber || $0 == "+" }, person.linkedinURL]
    }

    @Test func anErasedPerson_leavesNoTrace_andSyncAndEnrichmentDoNotBringThemBack() async throws {
        try await APIHarness.withApp(simulator: Self.simulator(), worker: true) { api in
            let services = try api.app.appServices
            let (crm, person) = try await Self.subject(api)
            let email = try #require(person.email)
            let hook = try await api.send(
                "POST", "/api/webhooks", key: api.adminKey, json: #"{"url": "http://127.0.0.1:9/hook", "eventTypes": ["contact.created"]}"#)
            #expect(hook.status == 201)
            #expect(try await services.sync.run(.contacts, full: true).counts.created == 40)
            // Contact events become webhook deliveries: asked now, though the app's own worker may take them first.
            try await waitUntil {
                _ = try await services.automation.dispatch()
                return try await WebhookDelivery.query(on: api.app.db).count() >= 1
            }

            let enriched = try await api.send(
                "POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(email)", "revealPhoneNumber": true}"#,
                headers: ["Idempotency-Key": "enrich-\(email)"])
            #expect(enriched.status == 200, "\(enriched.body)")
            let contactID = try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String)
            let revealID = try #require((enriched.json["phoneReveal"] as? [String: Any])?["id"] as? String)
            try await waitUntil {
                try await api.send("GET", "/api/reveals/\(revealID)", key: api.adminKey).json["reveal"].flatMap { $0 as? [String: Any] }?["status"]
                    as? String == "completed"
            }
            let other = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil && $0.id != person.id })
            let bulk = try await api.send(
                "POST", "/api/leads/enrich/bulk", key: api.adminKey, json: #"{"people": [{"email": "\#(email)"}, {"email": "\#(other.email!)"}]}"#)
            try await api.waitForJob(try #require(bulk.json["jobId"] as? Int))

            let database = api.app.db
            let before = try await TextScan.hits(Self.traces(of: person), on: database)
            #expect(before.keys.contains { $0.hasPrefix("contacts.") } && before.keys.contains { $0.hasPrefix("jobs.") }, "\(before)")
            #expect(before.keys.contains { $0.hasPrefix("idempotency_records.") } && before.keys.contains { $0.hasPrefix("phone_reveals.") })
            #expect(before.keys.contains { $0.hasPrefix("domain_events.") } && before.keys.contains { $0.hasPrefix("audit_logs.") })

            let erased = try await api.send("DELETE", "/api/contacts/\(contactID)?erase=true", key: api.adminKey)
            #expect(erased.status == 200, "\(erased.body)")
            #expect(try await TextScan.hits(Self.traces(of: person), on: database) == [:])
            #expect(try await TextScan.hits([other.email!], on: database).keys.contains { $0.hasPrefix("contacts.") }, "others stay")
            let entry = try #require(try await AuditLog.query(on: database).filter(\.$action == "contact.erased").first())
            #expect(entry.actorType == .apiKey && entry.entityID == contactID)

            // Apollo still has them: the next full sync skips them, enrichment refuses them, and nothing is spent.
            let charged = await api.simulator.engine.creditsCharged
            let resync = try await services.sync.run(.contacts, full: true)
            #expect(resync.counts.suppressed == 1 && resync.counts.created == 0)
            let single = try await api.send("POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(email.uppercased())"}"#)
            #expect(single.status == 409 && (single.json["error"] as? [String: Any])?["code"] as? String == "suppressed", "\(single.body)")
            let again = try await api.send("POST", "/api/leads/enrich/bulk", key: api.adminKey, json: #"{"people": [{"email": "\#(email)"}]}"#)
            let job = try await api.waitForJob(try #require(again.json["jobId"] as? Int))
            let result = try #require(job["result"] as? [String: Any])
            #expect((result["suppressed"] as? [[String: Any]])?.first?["index"] as? Int == 0, "\(result)")
            #expect(await api.simulator.engine.creditsCharged == charged)
            let tasks = try await api.send(
                "POST", "/api/tasks", key: api.adminKey,
                json: #"{"userId": "\#(crm.ownerID!)", "contactIds": ["\#(crm.id)"], "type": "call", "dueAt": "2030-01-01T09:00:00Z"}"#)
            #expect(tasks.status == 409, "\(tasks.body)")
            #expect(try await TextScan.hits(Self.traces(of: person), on: database) == [:])
        }
    }

    @Test func aRevealDeliveredAfterTheErasure_bringsNothingBack() async throws {
        var configuration = Self.simulator()
        configuration.webhookDelaySeconds = 1.5
        try await APIHarness.withApp(simulator: configuration) { api in
            let person = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil && $0.mobilePhone != nil })
            let enriched = try await api.send(
                "POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
            let contactID = try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String, "\(enriched.body)")
            let revealID = try #require((enriched.json["phoneReveal"] as? [String: Any])?["id"] as? String)
            // The callback may land while the erasure runs: a transaction that loses to it answers 503 (retry), as the
            // API documents for a busy database, and the retry erases.
            var status = 0
            try await waitUntil(timeout: .seconds(60)) {
                status = try await api.send("DELETE", "/api/contacts/\(contactID)?erase=true", key: api.adminKey).status
                return status != 503
            }
            #expect(status == 200)
            try await waitUntil {
                (try await api.send("GET", "/api/reveals/\(revealID)", key: api.adminKey).json["reveal"] as? [String: Any])?["status"]
                    as? String == "completed"
            }
            try await waitUntil { await api.simulator.engine.webhookDeliveries >= 1 }
            #expect(try await TextScan.hits(Self.traces(of: person), on: api.app.db) == [:])
        }
    }

    /// The interleaving that let a reveal slip past an erasure, made certain: the delivery holds the contact's row
    /// while the erasure starts, and commits only once the erasure waits for it. The erasure must then see what the
    /// delivery wrote. (SQLite runs one write transaction at a time, so the two cannot interleave there.)
    @Test(.enabled(if: TestDatabase.engine == "postgresql"))
    func aRevealDeliveredWhileTheErasureWaits_isErasedWithTheRest() async throws {
        var configuration = Self.simulator()
        configuration.webhookDelaySeconds = 3600
        try await APIHarness.withApp(simulator: configuration) { api in
            let person = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil && $0.mobilePhone != nil })
            let enriched = try await api.send(
                "POST", "/api/leads/enrich", key: api.adminKey, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
            let contactID = try #require(UUID(uuidString: (enriched.json["contact"] as? [String: Any])?["id"] as? String ?? ""), "\(enriched.body)")
            let revealID = try #require(UUID(uuidString: (enriched.json["phoneReveal"] as? [String: Any])?["id"] as? String ?? ""))
            let reveal = try #require(try await PhoneReveal.find(revealID, on: api.app.db))
            let raw =
                #"{"status": "success", "credits_consumed": 8, "people": [{"id": "\#(person.id)", "status": "success", "phone_numbers": [{"raw_number": "\#(person.mobilePhone!)"}]}]}"#
            let payload = try ApolloCoding.makeDecoder().decode(PhoneRevealPayload.self, from: Data(raw.utf8))
            let client = try #require(api.app.apollo).client
            // One connection per event loop: the delivery and the erasure each get their own loop, so that the
            // erasure waits for the row, not for a connection.
            let loops = Array(api.app.eventLoopGroup.makeIterator())
            try #require(loops.count >= 2, "needs two event loops")
            let database = try #require(api.app.databases.database(logger: api.app.logger, on: loops[0]))
            let erasure = ErasureService(
                database: try #require(api.app.databases.database(logger: api.app.logger, on: loops[1])),
                suppressions: try api.app.appServices.suppressions, client: nil)

            let (erasing, outcome) = try await database.safeTransaction { transaction in
                try await Contact.lockRows([contactID], on: transaction)
                let erasing = Task { try await erasure.erase(contactID: contactID, inApollo: false, actor: .init(type: .system, id: "test")) }
                try await waitUntil { try await Self.sessionsWaitingForALock(on: transaction) > 0 }
                return (erasing, try await RevealDelivery(client: client, database: transaction).apply(payload, raw: raw, to: reveal, via: .poll))
            }
            #expect(outcome == .applied)
            #expect(try await erasing.value.contactId == contactID)
            #expect(try await TextScan.hits(Self.traces(of: person), on: database) == [:])
        }
    }

    private static func sessionsWaitingForALock(on database: any Database) async throws -> Int {
        let row = try await (database as! any SQLDatabase).raw(
            "SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ).first()
        return try row?.decode(column: "waiting", as: Int.self) ?? 0
    }

    @Test func erasingWithApollo_clearsTheCRMContactInApolloToo() async throws {
        try await APIHarness.withApp(simulator: Self.simulator()) { api in
            #expect(try await api.app.appServices.sync.run(.contacts, full: true).counts.created == 40)
            let crm = try #require(await api.simulator.engine.snapshot().contacts.first { $0.email != nil })
            let listed = try await api.send("GET", "/api/contacts?email=\(crm.email!)", key: api.adminKey)
            let id = try #require((listed.json["contacts"] as? [[String: Any]])?.first?["id"] as? String, "\(listed.body)")
            let erased = try await api.send("DELETE", "/api/contacts/\(id)?erase=true&apollo=true", key: api.adminKey)
            #expect(erased.status == 200 && erased.json["apolloCleared"] as? Bool == true, "\(erased.body)")
            let inApollo = try #require(await api.simulator.engine.snapshot().contacts.first { $0.id == crm.id })
            #expect(inApollo.email == nil && inApollo.firstName == nil && inApollo.lastName == nil && inApollo.linkedinURL == nil)
            #expect(await api.simulator.engine.callCount(route: "api/v1/contacts/update") == 1)
        }
    }

    @Test func suppressionsAreKeyedHashes_managedByAdmins_andCoverWholeDomains() async throws {
        try await APIHarness.withApp(simulator: Self.simulator()) { api in
            let person = try #require(await api.simulator.engine.snapshot().people.first { $0.email != nil })
            let email = person.email!
            let domain = String(email.split(separator: "@").last!)
            let reader = try await api.key(["read", "enrich"])
            #expect(try await api.send("POST", "/api/suppressions", key: reader, json: #"{"email": "\#(email)"}"#).status == 403)
            let added = try await api.send("POST", "/api/suppressions", key: api.adminKey, json: #"{"domain": "\#(domain.uppercased())"}"#)
            #expect(added.status == 201 && added.json["existing"] as? Bool == false, "\(added.body)")
            let again = try await api.send("POST", "/api/suppressions", key: api.adminKey, json: #"{"domain": "\#(domain)"}"#)
            #expect(again.status == 200 && again.json["existing"] as? Bool == true)
            for body in [#"{}"#, #"{"email": "a@b.co", "domain": "b.co"}"#, #"{"email": "not an email"}"#, #"{"domain": "-x-"}"#] {
                let refused = try await api.send("POST", "/api/suppressions", key: api.adminKey, json: body)
                #expect(refused.status == 400, "\(body): \(refused.body)")
            }
            #expect(try await TextScan.hits([domain], on: api.app.db).keys.allSatisfy { !$0.hasPrefix("suppressions.") })
            let found = try await api.send("GET", "/api/suppressions?email=someone@\(domain)", key: api.adminKey)
            #expect((found.json["suppressions"] as? [Any])?.isEmpty == true, "the list holds the domain, not this email")
            let enrich = try await api.send("POST", "/api/leads/enrich", key: reader, json: #"{"email": "\#(email)"}"#)
            #expect(enrich.status == 409)
            #expect(await api.simulator.engine.callCount(route: "api/v1/people/match") == 0)

            let id = try #require((added.json["suppression"] as? [String: Any])?["id"] as? String)
            #expect(try await api.send("DELETE", "/api/suppressions/\(id)", key: api.adminKey).status == 204)
            #expect(try await api.send("DELETE", "/api/suppressions/\(id)", key: api.adminKey).status == 404)
            #expect(try await api.send("POST", "/api/leads/enrich", key: reader, json: #"{"email": "\#(email)"}"#).status == 200)
        }
    }
}
