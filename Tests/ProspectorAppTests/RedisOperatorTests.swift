import ApolloIOSimulator
import Foundation
import TestSupport
import Testing

/// Prospector's own enqueues and the operator's tools with `JOBS_BACKEND=redis`: a bulk enrichment is a BullMQ job
/// that BullMQ counts, lists and can process; `/api/jobs` shows, cancels and retries BullMQ jobs by queue. Each test
/// has a numbered Redis database of its own (its app's worker must not take another test's jobs).
@Suite(.enabled(if: TestRedis.url != nil && BullMQPeer.python != nil, "needs PROSPECTOR_TEST_REDIS_URL and PROSPECTOR_BULLMQ_PYTHON"))
struct RedisOperatorTests {
    @Test func aBulkEnrichment_isABullMQJob_thatBullMQCountsListsAndProcesses() async throws {
        let redis = try TestRedis.url(database: 2)
        _ = try await BullMQPeer.run(["obliterate", "enrich"], redis: redis)
        try await APIHarness.withApp(environment: ["JOBS_BACKEND": "redis", "REDIS_URL": redis, "SYNC_INTERVAL_MINUTES": "0"]) { api in
            let emails = await api.simulator.engine.snapshot().people.compactMap(\.email).prefix(3)
            let people = emails.map { #"{"email": "\#($0)"}"# }.joined(separator: ", ")
            let accepted = try await api.send("POST", "/api/leads/enrich/bulk", key: api.adminKey, json: #"{"people": [\#(people)]}"#)
            #expect(accepted.status == 202 && accepted.json["queue"] as? String == "enrich", "\(accepted.body)")
            let id = try #require(accepted.json["jobId"] as? Int)
            #expect(accepted.header("location") == "/api/jobs/\(id)?queue=enrich")

            // BullMQ's Queue counts it and reads it: its name, our data, the attempts of the kind.
            let counts = try JSONSerialization.jsonObject(with: Data(try await BullMQPeer.run(["counts", "enrich"], redis: redis).utf8))
            #expect((counts as? [String: Int])?["waiting"] == 1, "\(counts)")
            let job = try #require(
                try await BullMQPeer.job("enrich", String(id), redis: redis))
            #expect(job["name"] as? String == "enrich.people" && (job["data"] as? [String: Any])?["people"] is [[String: Any]], "\(job)")

            // No worker of ours runs here: BullMQ's Worker takes it, and our API shows BullMQ's outcome.
            _ = try await BullMQPeer.run(["work", "enrich", "1"], redis: redis)
            let shown = try await api.waitForJob(path: "/api/jobs/\(id)?queue=enrich")
            #expect(shown["backend"] as? String == "redis" && (shown["result"] as? [String: Any])?["by"] as? String == "bullmq", "\(shown)")
            let listed = try await api.send("GET", "/api/jobs?queue=enrich&state=completed", key: api.adminKey).json["jobs"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? Int } == [id])
        }
    }

    @Test func theAPICancelsAndRetriesBullMQJobs_andBullMQSeesIt() async throws {
        let redis = try TestRedis.url(database: 3)
        _ = try await BullMQPeer.run(["obliterate", "apollo-enrichment"], redis: redis)
        try await APIHarness.withApp(environment: ["JOBS_BACKEND": "redis", "REDIS_URL": redis, "SYNC_INTERVAL_MINUTES": "0"]) { api in
            let added = try await api.send(
                "POST", "/api/jobs", key: api.adminKey,
                json: #"{"name": "enrich-org", "data": {"domain": "acme.com"}, "opts": {"delay": 600000, "jobId": "later-acme"}}"#)
            #expect(added.status == 202 && added.header("location") == "/api/jobs/later-acme?queue=apollo-enrichment", "\(added.body)")
            // Named by the adder's id, the job has no number: no `id` stands in for one.
            #expect(added.json["id"] == nil && added.json["jobId"] as? String == "later-acme" && added.json["backend"] as? String == "redis")
            let path = "/api/jobs/later-acme?queue=apollo-enrichment"
            let shown = try await api.send("GET", path, key: api.adminKey)
            let job = try #require(shown.json["job"] as? [String: Any], "\(shown.body)")
            #expect(job["state"] as? String == "available" && job["id"] == nil && job["jobId"] as? String == "later-acme")

            let cancelled = try await api.send("POST", "/api/jobs/later-acme/cancel?queue=apollo-enrichment", key: api.adminKey)
            #expect((cancelled.json["job"] as? [String: Any])?["state"] as? String == "cancelled", "\(cancelled.body)")
            let asBullMQ =
                try await BullMQPeer.job("apollo-enrichment", "later-acme", redis: redis)
            #expect(asBullMQ?["state"] as? String == "failed", "BullMQ keeps a cancelled job as failed: \(String(describing: asBullMQ))")
            #expect(try await api.send("POST", "/api/jobs/later-acme/cancel?queue=apollo-enrichment", key: api.adminKey).status == 409)

            let retried = try await api.send("POST", "/api/jobs/later-acme/retry?queue=apollo-enrichment", key: api.adminKey)
            #expect((retried.json["job"] as? [String: Any])?["state"] as? String == "available", "\(retried.body)")
            #expect(try await api.send("GET", "/api/jobs/nobody?queue=apollo-enrichment", key: api.adminKey).status == 404)

            // The dashboard lists it among the jobs, links to its page, and cancels it from there.
            var browser = DashboardBrowser(baseURL: api.baseURL)
            _ = try await browser.signIn(api.adminKey)
            let jobs = try await browser.get("/jobs?queue=apollo-enrichment")
            #expect(jobs.body.contains(#"href="/jobs/later-acme?queue=apollo-enrichment""#), "\(jobs.body)")
            let page = try await browser.get("/jobs/later-acme?queue=apollo-enrichment")
            #expect(page.status == 200 && page.body.contains(#"action="/jobs/later-acme/cancel?queue=apollo-enrichment""#), "\(page.body)")
            let done = try await browser.post("/jobs/later-acme/cancel?queue=apollo-enrichment")
            #expect(done.status == 303 && done.header("location") == "/jobs/later-acme?queue=apollo-enrichment&done=cancelled")
            let after = try await api.send("GET", path, key: api.adminKey)
            #expect((after.json["job"] as? [String: Any])?["state"] as? String == "cancelled", "\(after.body)")
            #expect(try await api.send("GET", "/api/jobs/nobody", key: api.adminKey).status == 400, "without its queue an id is a SQL number")
        }
    }
}
