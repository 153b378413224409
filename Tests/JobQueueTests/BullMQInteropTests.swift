import Foundation
import JobQueue
import RedisClient
import Synchronization
import TestSupport
import Testing

/// Prospector's Redis backend against BullMQ itself (its Python port, a subprocess) on a real redis-server: jobs move
/// both ways, BullMQ reads what Prospector's workers did, its listeners see their events, and a mixed fleet runs
/// each job once.
@Suite(.enabled(if: TestRedis.url != nil && BullMQPeer.python != nil, "needs PROSPECTOR_TEST_REDIS_URL and PROSPECTOR_BULLMQ_PYTHON"))
struct BullMQInteropTests {
    /// A queue name of its own per test, so that tests in parallel never share jobs.
    static func queueName() -> String { "interop-\(UUID().uuidString.prefix(8).lowercased())" }

    /// Runs a Prospector worker on `queue` while `body` runs.
    static func withWorker(
        _ queue: String, registry: JobRegistry, lockMilliseconds: Int = 30_000, _ body: (RedisPool) async throws -> Void
    ) async throws {
        let pool = RedisPool(try TestRedis.configuration(), size: 2)
        let worker = RedisJobWorker(redis: pool, queues: [queue: 2], registry: registry, database: nil, lockMilliseconds: lockMilliseconds)
        let running = Task { await worker.run() }
        do {
            try await body(pool)
        } catch {
            running.cancel()
            await running.value
            await pool.shutdown()
            throw error
        }
        running.cancel()
        await running.value
        await pool.shutdown()
    }

    static func job(_ queue: String, _ id: String) async throws -> [String: Any] {
        try #require(try await BullMQPeer.job(queue, id))
    }

    @Test func aJobAddedByBullMQ_isRunByProspector_andBullMQReadsItsOutcome() async throws {
        let queue = Self.queueName()
        var registry = JobRegistry()
        registry.register("enrich-person") { context in
            // The first attempt fails: the job's own attempts and backoff decide the retry.
            if context.job.attempt == 1 && context.payload.contains("flaky") { return .fail(error: "Apollo timed out") }
            try await context.reportProgress("50")
            return .complete(result: #"{"enriched":\#(context.payload)}"#)
        }
        registry.register("always-fails") { _ in .fail(error: "no such person") }
        let flaky = try await BullMQPeer.run([
            "add", queue, "enrich-person", #"{"email":"flaky@example.com"}"#, #"{"attempts":3,"backoff":{"type":"fixed","delay":200}}"#,
        ])
        let doomed = try await BullMQPeer.run(["add", queue, "always-fails", #"{"email":"x@example.com"}"#, #"{"attempts":2}"#])
        let plain = try await BullMQPeer.run(["add", queue, "enrich-person", #"{"email":"ada@example.com"}"#, "{}"])
        try await Self.withWorker(queue, registry: registry) { _ in
            try await waitUntil(timeout: .seconds(60)) {
                let states = try await [flaky, doomed, plain].asyncMap { try await Self.job(queue, $0)["state"] as? String }
                return states == ["completed", "failed", "completed"]
            }
        }
        let retried = try await Self.job(queue, flaky)
        #expect(retried["attemptsMade"] as? Int == 2, "one failed attempt, one that completed: \(retried)")
        #expect((retried["returnvalue"] as? [String: Any])?["enriched"] as? [String: String] == ["email": "flaky@example.com"])
        #expect(retried["progress"] as? Int == 50)
        let failed = try await Self.job(queue, doomed)
        #expect(failed["failedReason"] as? String == "no such person" && failed["attemptsMade"] as? Int == 2, "\(failed)")
    }

    @Test func aJobAddedByProspector_isCountedListedAndRunByBullMQ() async throws {
        let queue = Self.queueName()
        let pool = RedisPool(try TestRedis.configuration(), size: 1)
        let bull = BullMQQueue(name: queue, redis: pool)
        var ids: [String] = []
        for index in 0..<4 {
            ids.append(try await bull.add(BullMQAddition(name: "enrich-person", data: #"{"email":"p\#(index)@example.com"}"#, attempts: 3)).id)
        }
        ids.append(try await bull.add(BullMQAddition(name: "enrich-org", data: #"{"domain":"acme.com"}"#, priority: 5, jobId: "org-acme")).id)
        let again = try await bull.add(BullMQAddition(name: "enrich-org", data: #"{"domain":"acme.com"}"#, jobId: "org-acme"))
        #expect(again == ("org-acme", true), "a jobId already used adds nothing")
        let counts = try await BullMQPeer.run(["counts", queue])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(counts.utf8)) as? [String: Int])
        #expect(parsed["waiting"] == 4 && parsed["prioritized"] == 1, "\(parsed)")
        #expect(try await bull.counts()["waiting"] == 4)

        let worked = try await BullMQPeer.run(["work", queue, "5"])
        #expect(worked.contains(#""org-acme""#))
        for id in ids {
            let job = try await Self.job(queue, id)
            #expect(job["state"] as? String == "completed" && (job["returnvalue"] as? [String: Any])?["by"] as? String == "bullmq", "\(job)")
        }
        #expect(try await bull.fields(of: ids[0])?["returnvalue"]?.contains("bullmq") == true, "Prospector reads BullMQ's outcome")
        await pool.shutdown()
    }

    @Test func bullMQsListeners_seeProspectorsWorkersEvents() async throws {
        let queue = Self.queueName()
        let listener = try BullMQPeer.start(["events", queue, "20"])
        defer { listener.stop() }
        try await listener.waitFor("ready")
        var registry = JobRegistry()
        registry.register("enrich-person") { context in
            try await context.reportProgress(#"{"done":1,"total":2}"#)
            return .complete(result: #"{"ok":true}"#)
        }
        try await Self.withWorker(queue, registry: registry) { pool in
            let id = try await BullMQQueue(name: queue, redis: pool).add(BullMQAddition(name: "enrich-person", data: "{}")).id
            try await listener.waitFor(#""event": "completed", "jobId": "\#(id)""#, timeout: .seconds(30))
            for event in ["added", "waiting", "active", "progress"] {
                #expect(listener.printed.contains(#""event": "\#(event)", "jobId": "\#(id)""#), "\(event) in \(listener.printed)")
            }
        }
    }

    @Test func aMixedFleet_runsEachJobOnce() async throws {
        let queue = Self.queueName()
        let mark = "mark:\(queue)"
        let pool = RedisPool(try TestRedis.configuration(), size: 2)
        let bull = BullMQQueue(name: queue, redis: pool)
        let ours = Mutex(0)
        var registry = JobRegistry()
        registry.register("noop") { context in
            _ = try await pool.send("INCR", "\(mark):\(context.job.uniqueKey ?? "")")
            ours.withLock { $0 += 1 }
            return .complete(result: #"{"by":"prospector"}"#)
        }
        let bullWorker = try BullMQPeer.start(["work", queue, "1000000", mark])
        defer { bullWorker.stop() }
        try await bullWorker.waitFor("ready")
        var jobs = 0
        try await Self.withWorker(queue, registry: registry) { _ in
            // Batches are added while both workers wait, until each has taken some (on a loaded machine one of them
            // can be slow to start and miss a small batch).
            for _ in 0..<25 {
                for index in 0..<40 { _ = try await bull.add(BullMQAddition(name: "noop", data: #"{"n":\#(jobs + index)}"#)) }
                jobs += 40
                let expected = jobs
                try await waitUntil(timeout: .seconds(90)) { try await bull.counts()["completed"] == expected }
                let mine = ours.withLock { $0 }
                if mine > 0 && mine < jobs { break }
            }
        }
        var runs: [Int] = []
        for id in 1...jobs { runs.append(Int(try await pool.send("GET", "\(mark):\(id)").int ?? 0)) }
        #expect(runs.allSatisfy { $0 == 1 }, "every job ran exactly once: \(runs.filter { $0 != 1 }.count) of \(jobs) did not")
        let mine = ours.withLock { $0 }
        #expect(mine > 0 && mine < jobs, "both workers took jobs (Prospector ran \(mine) of \(jobs))")
        await pool.shutdown()
    }

    @Test func aJobWhoseWorkerStopped_isPutBack_andCompletesOnce() async throws {
        let queue = Self.queueName()
        let pool = RedisPool(try TestRedis.configuration(), size: 1)
        let bull = BullMQQueue(name: queue, redis: pool)
        let id = try await bull.add(BullMQAddition(name: "noop", data: "{}", attempts: 2)).id
        // A worker took it under a 200 ms lock and died: no renewal, no outcome.
        let taken = try await pool.evaluate(
            RedisScript("return redis.call('SET', KEYS[1], 'dead-worker', 'PX', 200)"), keys: ["bull:\(queue):\(id):lock"])
        #expect(taken.string == "OK")
        _ = try await pool.send("LMOVE", "bull:\(queue):wait", "bull:\(queue):active", "RIGHT", "LEFT")
        try await waitUntil { try await pool.send("EXISTS", "bull:\(queue):\(id):lock").int == 0 }
        let runs = Mutex(0)
        var registry = JobRegistry()
        registry.register("noop") { _ in
            runs.withLock { $0 += 1 }
            return .complete(result: "1")
        }
        try await Self.withWorker(queue, registry: registry, lockMilliseconds: 2_000) { _ in
            try await waitUntil(timeout: .seconds(30)) { try await Self.job(queue, id)["state"] as? String == "completed" }
        }
        #expect(runs.withLock { $0 } == 1)
        #expect(try await bull.fields(of: id)?["stc"] == "1", "counted as stalled once")
        await pool.shutdown()
    }
}
