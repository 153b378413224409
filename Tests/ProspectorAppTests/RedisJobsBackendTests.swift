import ApolloIOSimulator
import Foundation
import JobQueue
import ProspectorApp
import TestSupport
import Testing

/// `JOBS_BACKEND=redis` end to end, on the run's engine and a real redis-server: jobs added by name through the API
/// and by BullMQ itself are run by the app's worker, BullMQ reads their outcome, `/health` names the backend, and an
/// unreachable Redis is a 503 `queue_unavailable` with nothing written anywhere.
@Suite(.enabled(if: TestRedis.url != nil && BullMQPeer.python != nil, "needs PROSPECTOR_TEST_REDIS_URL and PROSPECTOR_BULLMQ_PYTHON"))
struct RedisJobsBackendTests {
    static func bullmqJob(_ id: String) async throws -> [String: Any] {
        try await BullMQPeer.job("apollo-enrichment", id) ?? [:]
    }

    @Test func jobsAddedByTheAPIAndByBullMQ_runOnTheAppsWorker_andBullMQReadsTheOutcome() async throws {
        let environment = ["JOBS_BACKEND": "redis", "REDIS_URL": try #require(TestRedis.url), "SYNC_INTERVAL_MINUTES": "0"]
        try await APIHarness.withApp(environment: environment, worker: true) { api in
            let health = try await api.send("GET", "/health", key: nil)
            #expect(health.status == 200 && (health.json["jobs"] as? [String: Any])?["backend"] as? String == "redis")
            let people = await api.simulator.engine.snapshot().people.compactMap(\.email).prefix(2)
            let (first, second) = (try #require(people.first), try #require(people.last))

            let added = try await api.send(
                "POST", "/api/jobs", key: api.adminKey, json: #"{"name": "enrich-person", "data": {"email": "\#(first)"}, "opts": {"attempts": 2}}"#)
            #expect(added.status == 202, "\(added.body)")
            let apiJob = try #require(added.json["jobId"] as? String)
            #expect(added.json["id"] as? Int == Int(apiJob), "BullMQ numbered it: that number is its id")
            let bullJob = try await BullMQPeer.run(["add", "apollo-enrichment", "enrich-person", #"{"email":"\#(second)"}"#, #"{"attempts":3}"#])
            for id in [apiJob, bullJob] {
                try await waitUntil(timeout: .seconds(60)) { try await Self.bullmqJob(id)["state"] as? String == "completed" }
            }
            for email in [first, second] {
                let contacts = try await api.send("GET", "/api/contacts?email=\(email)", key: api.adminKey).json["contacts"] as? [[String: Any]]
                #expect(contacts?.count == 1, "\(email) was enriched and stored by the job")
            }
            #expect(try await JobStore(database: api.app.db).list(queue: "apollo-enrichment", limit: 10).isEmpty, "added to Redis, not SQL")
            // Our API lists and shows them as BullMQ jobs, named by their queue.
            let listed = try #require(
                try await api.send("GET", "/api/jobs?queue=apollo-enrichment", key: api.adminKey).json["jobs"] as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["jobId"] as? String }).isSuperset(of: [apiJob, bullJob]), "\(listed)")
            let ours = listed.filter { [apiJob, bullJob].contains($0["jobId"] as? String ?? "") }
            #expect(ours.count == 2 && ours.allSatisfy { $0["backend"] as? String == "redis" && $0["state"] as? String == "completed" }, "\(ours)")
            let shown = try await api.send("GET", "/api/jobs/\(bullJob)?queue=apollo-enrichment", key: api.adminKey)
            #expect(shown.status == 200 && (shown.json["job"] as? [String: Any])?["name"] as? String == "enrich-person", "\(shown.body)")
        }
    }

    @Test func anUnreachableRedis_is503QueueUnavailable_andNothingIsWritten() async throws {
        let environment = ["JOBS_BACKEND": "redis", "REDIS_URL": "redis://127.0.0.1:9/0", "SYNC_INTERVAL_MINUTES": "0"]
        try await APIHarness.withApp(environment: environment) { api in
            let refused = try await api.send(
                "POST", "/api/jobs", key: api.adminKey, json: #"{"name": "enrich-person", "data": {"email": "ada@example.com"}}"#)
            #expect(refused.status == 503 && (refused.json["error"] as? [String: Any])?["code"] as? String == "queue_unavailable")
            #expect(refused.header("retry-after") != nil)
            let health = try await api.send("GET", "/health", key: nil)
            #expect(health.status == 503 && (health.json["jobs"] as? [String: Any])?["reachable"] as? Bool == false)
            #expect(health.header("retry-after") == "5", "a 503 says when to look again")
            // Listing needs Redis too: it says so rather than answer half a list.
            #expect(try await api.send("GET", "/api/jobs", key: api.adminKey).status == 503)
            #expect(try await JobStore(database: api.app.db).list(limit: 10).isEmpty, "nothing was written to the SQL queue either")
            // The operator's pages still show what answers (the SQL queues, a sync's job) and say what is missing.
            _ = try await api.send("POST", "/api/sync/contacts", key: api.adminKey)
            var browser = DashboardBrowser(baseURL: api.baseURL)
            _ = try await browser.signIn(api.adminKey)
            for path in ["/", "/jobs"] {
                let page = try await browser.get(path)
                #expect(page.status == 200 && page.body.contains(#"id="redis-unavailable""#), "\(path): \(page.body)")
            }
            let jobs = try await browser.get("/jobs?queue=sync")
            #expect(jobs.body.contains("sync.run"), "the SQL queue's job is listed: \(jobs.body)")
        }
    }

    @Test func badRedisSettings_stopTheBootNamingTheKey() async throws {
        for (environment, key) in [
            (["JOBS_BACKEND": "redis", "REDIS_URL": "http://nope"], "REDIS_URL"), (["JOBS_BACKEND": "kafka"], "JOBS_BACKEND"),
            (["JOBS_BACKEND": "redis", "REDIS_PORT": "99999"], "REDIS_PORT"),
        ] {
            do {
                _ = try await AppConfiguration.load(environmentVariables: environment)
                Issue.record("\(environment) was accepted")
            } catch {
                #expect("\(error)".contains(key), "\(environment): \(error)")
            }
        }
        let reference = try await AppConfiguration.load(environmentVariables: ["JOBS_BACKEND": "redis", "REDIS_HOST": "cache", "REDIS_PORT": "6380"])
        #expect(reference.jobsBackend.redis?.host == "cache" && reference.jobsBackend.redis?.port == 6380)
    }
}
