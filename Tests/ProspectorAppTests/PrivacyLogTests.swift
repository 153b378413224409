import ApolloIOClient
import ApolloIOSimulator
import Foundation
import ProspectorData
import TestSupport
import Testing

/// `prospector serve` run as a real process with logging at trace, driven over HTTP through enrichment, a reveal and
/// its callback, bulk jobs, search, sync, refused requests and an erasure: its whole output holds none of the emails,
/// phones, names and LinkedIn URLs the simulator served, and none of the secrets it was given.
@Suite(.serialized) struct PrivacyLogTests {
    private struct Serve {
        let baseURL: String
        let key: String

        func send(_ method: String, _ path: String, _ json: String? = nil) async throws -> RawResponse {
            try await RawHTTP.send(method, baseURL + path, headers: ["authorization": "Bearer \(key)"], body: json)
        }

        func waitForJob(_ id: Int?) async throws {
            let id = try #require(id)
            try await waitUntil(timeout: .seconds(60)) {
                let state = (try await send("GET", "/api/jobs/\(id)").json["job"] as? [String: Any])?["state"] as? String
                return state == "completed" || state == "dead"
            }
        }
    }

    /// Everything personal the simulator holds: emails, full names, phones (as served and sanitized), LinkedIn URLs.
    private static func personalData(_ data: Dataset) -> Set<String> {
        var values = Set<String>()
        for person in data.people {
            values.formUnion([person.email, person.name, person.linkedinURL, person.mobilePhone].compactMap { $0 })
            if let phone = person.mobilePhone { values.insert(phone.filter { $0.isNumber || $0 == "+" }) }
        }
        for contact in data.contacts {
            values.formUnion([contact.email, contact.linkedinURL].compactMap { $0 })
            if let first = contact.firstName, let last = contact.lastName { values.insert("\(first) \(last)") }
        }
        return values
    }

    @Test func aTraceLevelLog_holdsNoPersonalDataAndNoSecret() async throws {
        var simulator = SimulatorConfiguration(size: DatasetSize(people: 300, organizations: 30, contacts: 30, accounts: 10))
        simulator.webhookDelaySeconds = 0.2
        simulator.quirks = true
        try await SimulatorHarness.withSimulator(simulator) { server, _ in
            try await TestDatabase.withTarget { target in
                // A password in the URL (the test cluster trusts local connections, so any password is accepted).
                let databasePassword = "db-pass-\(UUID().uuidString.prefix(8))"
                let url =
                    switch target {
                    case .sqlite(let path): path
                    case .postgres(let url): url.replacingOccurrences(of: "://postgres@", with: "://postgres:\(databasePassword)@")
                    }
                let port = ProspectorProcess.freePort()
                let process = try ProspectorProcess(
                    arguments: ["serve", "--port", String(port), "--log", "trace"],
                    environment: [
                        "PROSPECTOR_ENV": "testing", "DATABASE_URL": url, "APOLLO_API_KEY": SimulatorConfiguration.defaultMasterKey,
                        "APOLLO_BASE_URL": server.baseURL, "SYNC_INTERVAL_MINUTES": "0",
                    ], directory: FileManager.default.temporaryDirectory)
                let keyLine = try #require(try await process.waitForLine(startingWith: "Admin API key: "), "\(process.standardError)")
                let serve = Serve(baseURL: "http://127.0.0.1:\(port)", key: String(keyLine.dropFirst("Admin API key: ".count)))
                try await waitUntil(timeout: .seconds(60)) { (try? await RawHTTP.send("GET", serve.baseURL + "/health").status) == 200 }

                let data = await server.engine.snapshot()
                let people = data.people.filter { $0.email != nil && $0.mobilePhone != nil }
                let enriched = try await serve.send("POST", "/api/leads/enrich", #"{"email": "\#(people[0].email!)", "revealPhoneNumber": true}"#)
                #expect(enriched.status == 200, "\(enriched.body)")
                let revealID = try #require((enriched.json["phoneReveal"] as? [String: Any])?["id"] as? String)
                try await waitUntil(timeout: .seconds(60)) {
                    (try await serve.send("GET", "/api/reveals/\(revealID)").json["reveal"] as? [String: Any])?["status"] as? String == "completed"
                }
                let bulkBody = people[1...6].map { #"{"email": "\#($0.email!)"}"# }.joined(separator: ", ")
                try await serve.waitForJob(
                    try await serve.send("POST", "/api/leads/enrich/bulk", #"{"people": [\#(bulkBody)]}"#).json["jobId"] as? Int)
                let added = try await serve.send(
                    "POST", "/api/jobs", #"{"queue": "apollo-enrichment", "name": "enrich-person", "data": {"email": "\#(people[7].email!)"}}"#)
                try await serve.waitForJob(added.json["id"] as? Int)
                #expect(try await serve.send("POST", "/api/leads/search", #"{"titles": ["engineer"]}"#).status == 200)
                try await serve.waitForJob(try await serve.send("POST", "/api/sync/contacts?full=true").json["jobId"] as? Int)
                let refused = try await serve.send("POST", "/api/leads/enrich", #"{"email": 42, "name": "\#(people[8].name)"}"#)
                #expect(refused.status == 400)
                #expect(try await serve.send("GET", "/api/contacts?email=\(people[1].email!)").status == 200)
                let contactID = try #require((enriched.json["contact"] as? [String: Any])?["id"] as? String)
                #expect(try await serve.send("DELETE", "/api/contacts/\(contactID)?erase=true").status == 200)
                #expect(try await serve.send("POST", "/api/suppressions", #"{"email": "\#(people[9].email!)"}"#).status == 201)
                let webhookSecret = "whsec_privacy_\(UUID().uuidString)"
                let hook = try await serve.send(
                    "POST", "/api/webhooks", #"{"url": "http://127.0.0.1:9/hook", "eventTypes": ["*"], "secret": "\#(webhookSecret)"}"#)
                #expect(hook.status == 201, "\(hook.body)")
                #expect(try await process.terminate() != nil)

                // The first admin key is printed once on stdout by design (it is output, not a log line).
                let log = (process.standardOutput + process.standardError).split(separator: "\n")
                    .filter { !$0.hasPrefix("Admin API key: ") }.joined(separator: "\n")
                #expect(log.split(separator: "\n").count > 1_000 && log.contains("[ TRACE ]"), "logging ran at trace")
                #expect(log.contains("bound values redacted"), "query logging ran, without its values")
                let leaks = Self.personalData(data).filter { log.localizedCaseInsensitiveContains($0) }
                #expect(leaks.isEmpty, "personal data in the log: \(leaks.sorted().prefix(10))")
                for secret in [serve.key, SimulatorConfiguration.defaultMasterKey, webhookSecret, databasePassword] {
                    #expect(!log.contains(secret), "a secret in the log")
                }
                let callbacks = log.components(separatedBy: "/webhooks/apollo/").dropFirst()
                #expect(callbacks.allSatisfy { $0.hasPrefix("[token]") }, "callback tokens stay out of the log")
            }
        }
    }
}
