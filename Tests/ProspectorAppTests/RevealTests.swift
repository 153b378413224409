import ApolloIOClient
import ApolloIOSimulator
import Fluent
import Foundation
import ProspectorData
import ProspectorServices
import TestSupport
import Testing

/// Inbound asynchronous enrichment over HTTP on the run's engine: the simulator posts each result to the callback
/// URL it was given (a real round trip to the app), or the worker polls `webhook_result` when no callback comes.
@Suite struct RevealTests {
    private static func simulator(delay: Double) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration(size: DatasetSize(people: 600, organizations: 60))
        configuration.webhookDelaySeconds = delay
        return configuration
    }

    private static func person(_ api: APIHarness.Context, skip: Int = 0) async throws -> SimPerson {
        try #require(await api.simulator.engine.snapshot().people.filter { $0.mobilePhone != nil && $0.email != nil }.dropFirst(skip).first)
    }

    private static func reveal(_ api: APIHarness.Context, _ id: String) async throws -> [String: Any] {
        try #require(try await api.send("GET", "/api/reveals/\(id)", key: api.adminKey).json["reveal"] as? [String: Any])
    }

    private static func byEndpoint(_ api: APIHarness.Context) async throws -> [String: Double] {
        let credits = try await api.send("GET", "/api/credits", key: api.adminKey).json
        return (credits["byEndpoint"] as? [String: [String: Any]] ?? [:]).compactMapValues { $0["today"] as? Double }
    }

    @Test func enrichWithPhone_theCallbackPutsThePhoneOnTheContact_onceEvenWhenApolloDeliversTwice() async throws {
        try await APIHarness.withApp(simulator: Self.simulator(delay: 1)) { api in
            let key = try await api.key(["read", "enrich"])
            let person = try await Self.person(api)
            let answer = try await api.send(
                "POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
            #expect(answer.status == 200, "\(answer.body)")
            let contact = try #require(answer.json["contact"] as? [String: Any])
            let started = try #require(answer.json["phoneReveal"] as? [String: Any])
            let revealID = try #require(started["id"] as? String)
            let contactID = try #require(contact["id"] as? String)
            #expect(started["status"] as? String == "pending" && started["creditsReserved"] as? Double == 8)
            #expect(contact["revealedPhoneNumbers"] as? [String] == [])
            #expect(await api.simulator.engine.callCount(route: "api/v1/people/match") == 1, "one call matches and starts the reveal")

            var reveal: [String: Any] = [:]
            try await waitUntil {
                reveal = try await Self.reveal(api, revealID)
                return reveal["status"] as? String == "completed"
            }
            #expect(
                reveal["deliveredVia"] as? String == "callback" && reveal["phonesFound"] as? Int == 1 && reveal["creditsConsumed"] as? Double == 8)
            let sanitized = person.mobilePhone!.filter { $0.isNumber || $0 == "+" }
            let shown = try #require(try await api.send("GET", "/api/contacts/\(contactID)", key: key).json["contact"] as? [String: Any])
            #expect(shown["revealedPhoneNumbers"] as? [String] == [sanitized])
            var credits = try await Self.byEndpoint(api)
            #expect(credits["webhook/phone_reveal"] == 8 && credits["api/v1/people/match"] == 1)
            #expect(await api.simulator.engine.creditsCharged == 9, "Apollo charged what our ledger says")

            // Apollo delivers the same result again: acknowledged, nothing changes.
            let requestID = try #require(Int64(reveal["apolloRequestId"] as? String ?? ""))
            await api.simulator.engine.redeliver(requestID: requestID)
            try await waitUntil { await api.simulator.engine.webhookDeliveries >= 2 }
            let again = try #require(try await api.send("GET", "/api/contacts/\(contactID)", key: key).json["contact"] as? [String: Any])
            #expect(again["revealedPhoneNumbers"] as? [String] == [sanitized])
            credits = try await Self.byEndpoint(api)
            #expect(credits["webhook/phone_reveal"] == 8)
            let delivered = try await api.send("GET", "/api/audit?action=reveal.delivered&entityId=\(revealID)", key: api.adminKey)
            #expect((delivered.json["entries"] as? [Any])?.count == 1)
            let events = try await DomainEvent.query(on: api.app.db).filter(\.$type == "contact.updated").filter(\.$entityID == person.id).count()
            #expect(events == 1, "one outbox event for the revealed phone")

            // Two stored contacts in one bulk call: the callback URL travels in the query string and still arrives.
            let others = [try await Self.person(api, skip: 1), try await Self.person(api, skip: 2)]
            var ids: [String] = []
            for other in others {
                let stored = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(other.email!)"}"#)
                ids.append(try #require((stored.json["contact"] as? [String: Any])?["id"] as? String))
            }
            let bulk = try await api.send("POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(ids[0])", "\#(ids[1])"]}"#)
            let bulkID = try #require((bulk.json["reveal"] as? [String: Any])?["id"] as? String, "\(bulk.body)")
            try await waitUntil {
                reveal = try await Self.reveal(api, bulkID)
                return reveal["status"] as? String == "completed"
            }
            #expect(reveal["deliveredVia"] as? String == "callback" && reveal["phonesFound"] as? Int == 2)
        }
    }

    @Test func theCallbackURL_isTheCredential_andBadDeliveriesGetStructuredErrors() async throws {
        try await APIHarness.withApp(simulator: Self.simulator(delay: 3_600)) { api in
            let key = try await api.key(["read", "enrich"])
            let first = try await Self.person(api)
            let second = try await Self.person(api, skip: 1)
            var requestIDs: [Int64] = []
            for person in [first, second] {
                let answer = try await api.send(
                    "POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
                let started = try #require(answer.json["phoneReveal"] as? [String: Any])
                requestIDs.append(try #require(Int64(started["apolloRequestId"] as? String ?? "")))
            }
            var urls: [String] = []
            for id in requestIDs { urls.append(try #require(await api.simulator.engine.webhookURL(requestID: id))) }
            #expect(urls[0] != urls[1], "each request has its own URL")
            let token = try #require(urls[0].split(separator: "/").last)
            #expect(token.count >= 40 && urls[0].hasPrefix(api.baseURL + "/webhooks/apollo/"))

            let path = "/webhooks/apollo/\(token)"
            let forged =
                #"{"request_id": "\#(requestIDs[0])", "people": [{"id": "\#(first.id)", "phone_numbers": [{"sanitized_number": "+10000000000"}]}]}"#
            let guessed = try await api.send("POST", "/webhooks/apollo/" + String(repeating: "A", count: 43), key: nil, json: forged)
            #expect(guessed.status == 404 && (guessed.json["error"] as? [String: Any])?["code"] as? String == "not_found")
            let otherRequest = forged.replacingOccurrences(of: String(requestIDs[0]), with: String(requestIDs[1]))
            let mismatched = try await api.send("POST", path, key: nil, json: otherRequest)
            #expect(
                mismatched.status == 400
                    && ((mismatched.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == "request_id")
            let malformed = try await api.send("POST", path, key: nil, json: #"{"people": [{"id": 12}]"#)
            #expect(malformed.status == 400)
            let wrongType = try await api.send("POST", path, key: nil, json: #"{"people": [{"id": 12}]}"#)
            #expect(wrongType.status == 400, "\(wrongType.body)")
            let contacts = try await Contact.query(on: api.app.db).all()
            #expect(contacts.allSatisfy { ($0.revealedPhoneNumbers ?? []).isEmpty }, "nothing applied from a bad delivery")

            // The URL given for the second person cannot put a phone on the first.
            let secondPath = "/webhooks/apollo/\(try #require(urls[1].split(separator: "/").last))"
            let crossed = forged.replacingOccurrences(of: String(requestIDs[0]), with: String(requestIDs[1]))
            let taken = try await api.send("POST", secondPath, key: nil, json: crossed)
            #expect(taken.status == 200 && taken.json["status"] as? String == "applied")
            let firstContact = try #require(try await Contact.query(on: api.app.db).filter(\.$apolloID == first.id).first())
            #expect((firstContact.revealedPhoneNumbers ?? []).isEmpty)
            let copy = try await api.send("POST", secondPath, key: nil, json: crossed)
            #expect(copy.status == 200 && copy.json["status"] as? String == "already_applied")
        }
    }

    @Test func aCallbackAndPollsRacing_applyTheResultOnce() async throws {
        try await APIHarness.withApp(simulator: Self.simulator(delay: 0), environment: ["PUBLIC_BASE_URL": "http://127.0.0.1:9"]) { api in
            let key = try await api.key(["read", "enrich"])
            let person = try await Self.person(api)
            let answer = try await api.send(
                "POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
            let started = try #require(answer.json["phoneReveal"] as? [String: Any])
            let runtime = try #require(api.app.apollo)
            let requestID = RequestID(try #require(Int64(started["apolloRequestId"] as? String ?? "")))
            let result = try #require(try await runtime.client.webhookResult(requestID).value.webhookResult)
            let reveal = try #require(try await PhoneReveal.find(UUID(uuidString: started["id"] as? String ?? ""), on: api.app.db))
            let delivery = RevealDelivery(client: runtime.client, database: api.app.db)
            let outcomes = try await withThrowingTaskGroup(of: RevealDelivery.Outcome.self) { group in
                for index in 0..<8 {
                    group.addTask { try await delivery.apply(result, raw: "{}", to: reveal, via: index.isMultiple(of: 2) ? .callback : .poll) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .applied }.count == 1 && outcomes.filter { $0 == .alreadyApplied }.count == 7)
            let contact = try #require(try await Contact.query(on: api.app.db).filter(\.$apolloID == person.id).first())
            #expect(contact.revealedPhoneNumbers?.count == 1)
            #expect(try await Self.byEndpoint(api)["webhook/phone_reveal"] == 8)
        }
    }

    @Test func withoutACallback_theWorkerPollsUntilTheResultIsReady() async throws {
        let environment = ["PUBLIC_BASE_URL": "http://127.0.0.1:9", "REVEALS_POLL_AFTER_SECONDS": "1", "SYNC_INTERVAL_MINUTES": "0"]
        try await APIHarness.withApp(simulator: Self.simulator(delay: 3_600), environment: environment, worker: true) { api in
            let key = try await api.key(["read", "enrich"])
            var contactIDs: [String] = []
            for skip in 0..<2 {
                let person = try await Self.person(api, skip: skip)
                let enriched = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)"}"#)
                contactIDs.append(try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String))
            }
            let answer = try await api.send("POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(contactIDs[0])", "\#(contactIDs[1])"]}"#)
            #expect(answer.status == 202, "\(answer.body)")
            let revealID = try #require((answer.json["reveal"] as? [String: Any])?["id"] as? String)
            #expect(answer.header("location") == "/api/reveals/\(revealID)")
            #expect(await api.simulator.engine.callCount(route: "api/v1/people/bulk_match") == 1, "two contacts, one bulk call")

            // The poll meets a pending result first; once Apollo has it, the snoozed poll takes it.
            try await waitUntil(timeout: .seconds(30)) { await api.simulator.engine.callCount(route: "api/v1/webhook_result/show", status: 404) >= 1 }
            #expect(try await Self.reveal(api, revealID)["status"] as? String == "pending")
            let requestID = try #require(Int64(try await Self.reveal(api, revealID)["apolloRequestId"] as? String ?? ""))
            await api.simulator.engine.completeReveal(requestID: requestID)
            var reveal: [String: Any] = [:]
            try await waitUntil(timeout: .seconds(40)) {
                reveal = try await Self.reveal(api, revealID)
                return reveal["status"] as? String == "completed"
            }
            #expect(reveal["deliveredVia"] as? String == "poll" && reveal["phonesFound"] as? Int == 2 && reveal["creditsConsumed"] as? Double == 16)
            for id in contactIDs {
                let contact = try #require(try await api.send("GET", "/api/contacts/\(id)", key: key).json["contact"] as? [String: Any])
                #expect((contact["revealedPhoneNumbers"] as? [String])?.count == 1)
            }
            #expect(try await Self.byEndpoint(api)["webhook/phone_reveal"] == 16)
        }
    }

    @Test func aResultApolloForgot_failsTheReveal_andReleasesItsCredits() async throws {
        let environment = ["PUBLIC_BASE_URL": "http://127.0.0.1:9", "REVEALS_POLL_AFTER_SECONDS": "1", "SYNC_INTERVAL_MINUTES": "0"]
        try await APIHarness.withApp(simulator: Self.simulator(delay: 3_600), environment: environment, worker: true) { api in
            let key = try await api.key(["read", "enrich"])
            let person = try await Self.person(api)
            let answer = try await api.send(
                "POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)", "revealPhoneNumber": true}"#)
            let started = try #require(answer.json["phoneReveal"] as? [String: Any])
            await api.simulator.engine.forgetReveal(requestID: try #require(Int64(started["apolloRequestId"] as? String ?? "")))
            var reveal: [String: Any] = [:]
            try await waitUntil(timeout: .seconds(30)) {
                reveal = try await Self.reveal(api, started["id"] as? String ?? "")
                return reveal["status"] as? String == "failed"
            }
            #expect((reveal["failureReason"] as? String)?.contains("request_id_unknown") == true)
            #expect(try await Self.byEndpoint(api)["webhook/phone_reveal"] == 0, "the reservation is released")
        }
    }

    @Test func waterfall_deliversPhonesAndEmails_andBudgetsAndBadRequestsAreRefusedBeforeApollo() async throws {
        try await APIHarness.withApp(simulator: Self.simulator(delay: 0.5), environment: ["CREDITS_PER_KEY_DAILY_CAP": "20"]) { api in
            let key = try await api.key(["read", "enrich"])
            let person = try await Self.person(api)
            let enriched = try await api.send("POST", "/api/leads/enrich", key: key, json: #"{"email": "\#(person.email!)"}"#)
            let contactID = try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String)

            let waterfall = try await api.send("POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(contactID)"], "kind": "waterfall"}"#)
            #expect(waterfall.status == 202, "\(waterfall.body)")
            let revealID = try #require((waterfall.json["reveal"] as? [String: Any])?["id"] as? String)
            var reveal: [String: Any] = [:]
            try await waitUntil {
                reveal = try await Self.reveal(api, revealID)
                return reveal["status"] as? String == "completed"
            }
            #expect(reveal["kind"] as? String == "waterfall" && reveal["phonesFound"] as? Int == 1 && reveal["emailsFound"] as? Int == 1)
            #expect(reveal["creditsConsumed"] as? Double == 9)

            // Spent 1 (enrich) + 1 (the waterfall's match) + 9 of the key's 20. A repeated id counts once: 1 + 8 fits exactly.
            let calls = await api.simulator.engine.callCount(route: "api/v1/people/match")
            let fits = try await api.send(
                "POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(contactID)", "\#(contactID)"], "kind": "phone"}"#)
            #expect(fits.status == 202, "\(fits.body)")
            let overBudget = try await api.send("POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(contactID)"]}"#)
            #expect(overBudget.status == 402 && (overBudget.json["error"] as? [String: Any])?["code"] as? String == "credit_budget_exceeded")
            #expect(await api.simulator.engine.callCount(route: "api/v1/people/match") == calls + 1, "refused before anything was sent")
            #expect(try await PhoneReveal.query(on: api.app.db).count() == 2, "a refused reveal leaves no row")

            for (body, field) in [
                (#"{"contactIds": []}"#, "contactIds"), (#"{"contactIds": ["\#(contactID)"], "kind": "fax"}"#, "kind"),
                (#"{"contactIds": ["not-a-uuid"]}"#, "contactIds[0]"),
            ] {
                let bad = try await api.send("POST", "/api/reveals", key: key, json: body)
                #expect(
                    bad.status == 400 && ((bad.json["error"] as? [String: Any])?["details"] as? [String: Any])?["field"] as? String == field,
                    "\(bad.body)")
            }
            let unknown = try await api.send("POST", "/api/reveals", key: key, json: #"{"contactIds": ["\#(UUID().uuidString)"]}"#)
            #expect(unknown.status == 404)
            let listed = try await api.send("GET", "/api/reveals?status=completed", key: key)
            #expect((listed.json["reveals"] as? [[String: Any]])?.contains { $0["id"] as? String == revealID } == true)
            #expect(try await api.send("GET", "/api/reveals?status=lost", key: key).status == 400)
        }
    }
}
