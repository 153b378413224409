import Foundation
import JobQueue
import RedisClient
import TestSupport
import Testing

/// The Redis backend under faults, with real processes: a worker SIGKILLed mid-job, and a redis-server that crashes
/// and comes back while a batch drains.
@Suite(.serialized, .enabled(if: ThrowawayRedis.available, "needs redis-server (./scripts/test installs it)"))
struct RedisFaultTests {
    private func startWorker(
        _ url: String, queue: String, name: String, sleepMilliseconds: Int, lockMilliseconds: Int = 1_000
    ) async throws -> ProspectorProcess {
        let process = try ProspectorProcess(
            executable: "jobqueue-probe",
            arguments: [
                "redis-work", "--redis", url, "--queue", queue, "--name", name, "--lock-ms", String(lockMilliseconds), "--sleep-ms",
                String(sleepMilliseconds),
            ],
            directory: FileManager.default.temporaryDirectory)
        let ready = try await process.waitForLine(startingWith: "READY", timeout: .seconds(30))
        #expect(ready != nil, "worker \(name) did not start: \(process.standardError)")
        return process
    }

    @Test func aWorkerKilledMidJob_isReplaced_andTheJobCompletesOnce() async throws {
        let redis = try ThrowawayRedis()
        defer { redis.remove() }
        let pool = RedisPool(try RedisConfiguration(url: redis.url), size: 1)
        try await waitUntil { (try? await pool.send("PING"))?.string == "PONG" }
        let queue = BullMQQueue(name: "faults", redis: pool)
        let doomed = try await startWorker(redis.url, queue: "faults", name: "doomed", sleepMilliseconds: 5_000)
        let id = try await queue.add(BullMQAddition(name: "slow", data: "{}", attempts: 3)).id
        try await waitUntil { try await queue.counts()["active"] == 1 }
        try await doomed.kill()
        let survivor = try await startWorker(redis.url, queue: "faults", name: "survivor", sleepMilliseconds: 10)
        try await waitUntil(timeout: .seconds(30)) { try await queue.counts()["completed"] == 1 }
        try await survivor.stop()
        #expect(try await pool.send("GET", "runs:faults:\(id)").int == 1, "the killed worker never finished it; the survivor did, once")
        let fields = try #require(try await queue.fields(of: id))
        #expect(fields["stc"] == "1" && fields["pb"] == "survivor", "\(fields)")
        await pool.shutdown()
    }

    @Test func redisCrashingWhileABatchDrains_losesNoJob_andWorkersReconnect() async throws {
        let redis = try ThrowawayRedis()
        defer { redis.remove() }
        let pool = RedisPool(try RedisConfiguration(url: redis.url), size: 2)
        try await waitUntil { (try? await pool.send("PING"))?.string == "PONG" }
        let queue = BullMQQueue(name: "restart", redis: pool)
        let jobs = 400
        var ids: [String] = []
        for _ in 0..<jobs { ids.append(try await queue.add(BullMQAddition(name: "slow", data: "{}", attempts: 5)).id) }
        // Locks long enough that a loaded machine renews them in time: the outage, not the load, is under test.
        let worker = try await startWorker(redis.url, queue: "restart", name: "steady", sleepMilliseconds: 5, lockMilliseconds: 10_000)
        try await waitUntil(timeout: .seconds(60)) { try await queue.counts()["completed", default: 0] >= jobs / 4 }
        redis.crash()
        try redis.start()
        do {
            try await waitUntil(timeout: .seconds(240)) { (try? await queue.counts()["completed"]) == jobs }
        } catch {
            Issue.record("not every job completed: \(String(describing: try? await queue.counts())); worker: \(worker.standardError.suffix(1_500))")
            throw error
        }
        #expect(worker.isRunning, "the worker reconnected by itself")
        try await worker.stop()
        var unrun: [String] = []
        for id in ids where (try await pool.send("GET", "runs:restart:\(id)").int ?? 0) < 1 { unrun.append(id) }
        #expect(unrun.isEmpty, "every job ran: \(unrun.prefix(10))")
        await pool.shutdown()
    }
}
