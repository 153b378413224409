import ApolloIOSimulator
import FluentKit
import Foundation
import JobQueue
import ProspectorData
import RedisClient
import TestSupport
import Testing

/// `prospector worker` with `JOBS_BACKEND=redis` as an operator runs it: a job BullMQ added is taken by a worker that
/// is SIGKILLed mid-job (its Apollo call in flight); another worker takes it once the lock expires, and it completes
/// once, as BullMQ reads it.
@Suite(.serialized, .enabled(if: TestRedis.url != nil && BullMQPeer.python != nil, "needs PROSPECTOR_TEST_REDIS_URL and PROSPECTOR_BULLMQ_PYTHON"))
struct RedisWorkerProcessTests {
    /// What `DATABASE_URL` names the run's database by.
    static func databaseURL(_ target: DatabaseTarget) -> String {
        switch target {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }

    @Test func aWorkerKilledMidJob_isReplaced_andTheJobCompletesOnce() async throws {
        let redis = try TestRedis.url(database: 4)
        _ = try await BullMQPeer.run(["obliterate", "apollo-enrichment"], redis: redis)
        try await SimulatorHarness.withSimulator(SimulatorConfiguration(size: DatasetSize(people: 200, organizations: 20))) { server, _ in
            try await TestDatabase.withTarget { target in
                try await TestDatabase.withMigrated(target) { database in
                    let url = Self.databaseURL(target)
                    let environment = [
                        "PROSPECTOR_ENV": "testing", "DATABASE_URL": url, "APOLLO_API_KEY": SimulatorConfiguration.defaultMasterKey,
                        "APOLLO_BASE_URL": server.baseURL, "JOBS_BACKEND": "redis", "REDIS_URL": redis, "JOBS_LEASE_SECONDS": "2",
                        "SYNC_INTERVAL_MINUTES": "0",
                    ]
                    func startWorker() async throws -> ProspectorProcess {
                        let worker = try ProspectorProcess(
                            arguments: ["worker", "--queues", "apollo-enrichment=1"], environment: environment,
                            directory: FileManager.default.temporaryDirectory)
                        let ready = try await worker.waitForLine(startingWith: "worker running", timeout: .seconds(60))
                        #expect(ready != nil, "worker did not start: \(worker.standardError.suffix(2_000))")
                        return worker
                    }
                    let email = try #require(await server.engine.snapshot().people.compactMap(\.email).first)
                    // Apollo answers slowly: the first worker is killed while its call is in flight.
                    var slow = FaultSettings()
                    slow.latencyMilliseconds = 8_000
                    await server.engine.setFaults(slow)
                    let pool = RedisPool(try RedisConfiguration(url: redis), size: 1)
                    let queue = BullMQQueue(name: "apollo-enrichment", redis: pool)
                    let doomed = try await startWorker()
                    let id = try await BullMQPeer.run(
                        ["add", "apollo-enrichment", "enrich-person", #"{"email":"\#(email)"}"#, #"{"attempts":3}"#], redis: redis)
                    try await waitUntil(timeout: .seconds(60)) { try await queue.counts()["active"] == 1 }
                    try await doomed.kill()
                    await server.engine.setFaults(FaultSettings())
                    let survivor = try await startWorker()
                    do {
                        try await waitUntil(timeout: .seconds(60)) { try await queue.job(id)?.state == .completed }
                    } catch {
                        Issue.record("survivor: \(survivor.standardError.suffix(2_000))")
                        throw error
                    }
                    try await survivor.stop()
                    let job = try #require(
                        try await BullMQPeer.job("apollo-enrichment", id, redis: redis))
                    #expect(job["state"] as? String == "completed" && job["attemptsMade"] as? Int == 1, "one attempt completed it: \(job)")
                    #expect((job["returnvalue"] as? [String: Any])?["matched"] as? Bool == true, "\(job)")
                    #expect(try await queue.fields(of: id)?["stc"] == "1", "BullMQ's stalled counter: the killed worker's hold")
                    #expect(try await Contact.query(on: database).filter(\.$email == email).count() == 1, "one contact for the person")
                    await pool.shutdown()
                }
            }
        }
    }

    @Test func jobsCommands_addListShowCancelAndRetryBullMQJobs() async throws {
        let redis = try TestRedis.url(database: 5)
        _ = try await BullMQPeer.run(["obliterate", "apollo-enrichment"], redis: redis)
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { _ in
                let url = Self.databaseURL(target)
                func prospector(_ arguments: [String]) async throws -> (status: Int32?, output: String, errors: String) {
                    let process = try ProspectorProcess(
                        arguments: arguments, environment: ["DATABASE_URL": url, "JOBS_BACKEND": "redis", "REDIS_URL": redis],
                        directory: FileManager.default.temporaryDirectory)
                    let status = try await process.waitForExit()
                    return (status, process.standardOutput, process.standardError)
                }
                let added = try await prospector(["jobs", "add", "enrich-org", "--data", #"{"domain": "acme.com"}"#, "--delay", "600000"])
                #expect(added.status == 0, "\(added.errors)")
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any], "\(added.output)")
                let id = try #require(answer["jobId"] as? String)
                let asBullMQ =
                    try await BullMQPeer.job("apollo-enrichment", id, redis: redis)
                #expect(asBullMQ?["name"] as? String == "enrich-org" && asBullMQ?["state"] as? String == "delayed", "\(String(describing: asBullMQ))")

                let list = try await prospector(["jobs", "list", "--queue", "apollo-enrichment"])
                #expect(list.output.contains("redis:\(id)\tavailable\tapollo-enrichment\tenrich-org"), "\(list.output) \(list.errors)")
                let show = try await prospector(["jobs", "show", id, "--queue", "apollo-enrichment"])
                #expect(show.output.contains(#""bullmqID" : "\#(id)""#), "\(show.output) \(show.errors)")
                let cancel = try await prospector(["jobs", "cancel", id, "--queue", "apollo-enrichment"])
                #expect(cancel.output.contains("job \(id) cancelled"), "\(cancel.output) \(cancel.errors)")
                let retry = try await prospector(["jobs", "retry", id, "--queue", "apollo-enrichment"])
                #expect(retry.status == 0, "\(retry.errors)")
                let waiting =
                    try await BullMQPeer.job("apollo-enrichment", id, redis: redis)
                #expect(waiting?["state"] as? String == "waiting", "retried: \(String(describing: waiting))")
            }
        }
    }

    @Test func serve_countsRedisJobsInItsMetrics() async throws {
        let redis = try TestRedis.url(database: 6)
        _ = try await BullMQPeer.run(["obliterate", "apollo-enrichment"], redis: redis)
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { _ in
                let url = Self.databaseURL(target)
                let port = ProspectorProcess.freePort()
                let serve = try ProspectorProcess(
                    arguments: ["serve", "--port", String(port)],
                    environment: ["DATABASE_URL": url, "JOBS_BACKEND": "redis", "REDIS_URL": redis, "SYNC_INTERVAL_MINUTES": "0"],
                    directory: FileManager.default.temporaryDirectory)
                #expect(try await serve.waitForLine(startingWith: "[ NOTICE ] Server started") != nil, "\(serve.standardError.suffix(2_000))")
                let id = try await BullMQPeer.run(["add", "apollo-enrichment", "bulk-search", #"{"domains":["acme.com"]}"#, "{}"], redis: redis)
                var finished: [Substring] = []
                try await waitUntil(timeout: .seconds(60)) {
                    let scraped = try await RawHTTP.send("GET", "http://127.0.0.1:\(port)/metrics")
                    finished = scraped.body.split(separator: "\n").filter { $0.hasPrefix(#"jobs_finished_total{kind="bulk-search""#) }
                    return !finished.isEmpty && scraped.body.contains(#"jobs_depth{queue="apollo-enrichment""#)
                }
                #expect(finished.contains { $0.contains(#"state="completed""#) }, "\(finished)")
                let job =
                    try await BullMQPeer.job("apollo-enrichment", id, redis: redis)
                #expect(job?["state"] as? String == "completed", "\(String(describing: job))")
                try await serve.stop()
            }
        }
    }
}
