import Foundation
import JobQueue
import Logging
import RedisClient
import Synchronization

/// The Redis backend's benchmark: bulk enqueue, a drain of no-op jobs by Prospector's worker, and pickup latency
/// (scripts/bench/redis.sh runs BullMQ's own worker beside it).
struct RedisProbe {
    let arguments: ProbeArguments
    let logger: Logger

    func run() async throws {
        let pool = RedisPool(try RedisConfiguration(url: arguments.value("redis") ?? "redis://127.0.0.1:6379"), size: 8)
        let queue = BullMQQueue(name: arguments.value("queue") ?? "bench", redis: pool)
        switch arguments.command {
        case "redis-seed": try await seed(queue, count: arguments.int("count") ?? 100_000)
        case "redis-drain": try await drain(queue, pool: pool, count: arguments.int("count") ?? 100_000)
        case "redis-latency": try await latency(queue, pool: pool, samples: arguments.int("samples") ?? 1_000)
        case "redis-work": try await work(queue, pool: pool)
        default: break
        }
        await pool.shutdown()
    }

    /// A worker for the fault tests, until killed: `slow` jobs sleep `--sleep-ms`, then count their run in Redis
    /// (`runs:<queue>:<id>`); prints READY once running.
    private func work(_ queue: BullMQQueue, pool: RedisPool) async throws {
        let sleep = arguments.int("sleep-ms") ?? 0
        var registry = JobRegistry()
        registry.register("slow") { context in
            try await Task.sleep(for: .milliseconds(sleep))
            _ = try await pool.send("INCR", "runs:\(queue.name):\(context.job.uniqueKey ?? "")")
            return .complete(result: "1")
        }
        let worker = RedisJobWorker(
            redis: pool, queues: [queue.name: arguments.int("concurrency") ?? 4], registry: registry, database: nil, logger: logger,
            workerName: arguments.value("name") ?? "probe", lockMilliseconds: arguments.int("lock-ms") ?? 30_000)
        say("READY")
        await worker.run()
    }

    /// Adds `count` no-op jobs, 64 at a time in flight; prints the rate.
    private func seed(_ queue: BullMQQueue, count: Int) async throws {
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<64 {
                group.addTask {
                    for _ in stride(from: lane, to: count, by: 64) {
                        _ = try await queue.add(BullMQAddition(name: arguments.value("name") ?? "noop", data: "{}", attempts: 5))
                    }
                }
            }
            try await group.waitForAll()
        }
        report(["run": "redis enqueue", "jobs": count, "jobs_per_second": rate(count, since: started)])
    }

    /// Runs a worker until `count` jobs completed; prints the rate.
    private func drain(_ queue: BullMQQueue, pool: RedisPool, count: Int) async throws {
        let done = Atomic<Int>(0)
        var registry = JobRegistry()
        registry.register("noop") { _ in
            done.add(1, ordering: .relaxed)
            return .complete()
        }
        let concurrency = arguments.int("concurrency") ?? 50
        let worker = RedisJobWorker(redis: pool, queues: [queue.name: concurrency], registry: registry, database: nil, logger: logger)
        let started = ContinuousClock.now
        let running = Task { await worker.run() }
        while try await queue.counts()["completed", default: 0] < count { try await Task.sleep(for: .milliseconds(20)) }
        let elapsed = rate(count, since: started)
        running.cancel()
        await running.value
        report(["run": "redis drain (prospector)", "jobs": count, "concurrency": concurrency, "jobs_per_second": elapsed])
    }

    /// Adds jobs one at a time to an idle worker: milliseconds from the add to the handler's start.
    private func latency(_ queue: BullMQQueue, pool: RedisPool, samples: Int) async throws {
        let starts = Mutex<[String: ContinuousClock.Instant]>([:])
        var registry = JobRegistry()
        registry.register("probe.latency") { context in
            starts.withLock { $0[context.job.uniqueKey ?? ""] = ContinuousClock.now }
            return .complete()
        }
        let worker = RedisJobWorker(redis: pool, queues: [queue.name: 1], registry: registry, database: nil, logger: logger)
        let running = Task { await worker.run() }
        try await Task.sleep(for: .milliseconds(300))
        var latencies: [Double] = []
        for _ in 0..<samples {
            let enqueued = ContinuousClock.now
            let id = try await queue.add(BullMQAddition(name: "probe.latency", data: "{}")).id
            while starts.withLock({ $0[id] }) == nil { try await Task.sleep(for: .microseconds(100)) }
            let started = starts.withLock { $0[id]! }
            latencies.append(Double((started - enqueued).components.attoseconds) / 1e15 + Double((started - enqueued).components.seconds) * 1_000)
            try await Task.sleep(for: .milliseconds(5))
        }
        running.cancel()
        await running.value
        latencies.sort()
        func percentile(_ p: Double) -> Double { (latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 100).rounded() / 100 }
        report(["run": "redis pickup latency (prospector)", "samples": samples, "p50_ms": percentile(0.5), "p99_ms": percentile(0.99)])
    }

    private func rate(_ count: Int, since started: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Int(Double(count) / seconds)
    }

    private func report(_ values: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: values, options: [.sortedKeys])) ?? Data()
        say(String(decoding: data, as: UTF8.self))
    }
}
