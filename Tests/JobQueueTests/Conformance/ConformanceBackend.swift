import FluentKit
import Foundation
import RedisClient
import TestSupport
import Testing

@testable import JobQueue

/// One job backend as the conformance suite drives it: add jobs as a producer would, read them as an operator would,
/// run workers, and play a worker that dies holding a job. The SQL backend runs on the run's engine; the Redis
/// backend on the run's redis-server, one fresh queue per test.
protocol ConformanceBackend: Sendable {
    var queue: String { get }
    /// Adds `job` (on ``queue``); `jobId` is the adder's id (dedupe), `delay` in milliseconds.
    func add(_ job: NewJob, jobId: String?, delay: Int) async throws -> (reference: String, existing: Bool)
    func job(_ reference: String) async throws -> JobRecord?
    func retry(_ reference: String) async throws
    func cancel(_ reference: String) async throws
    /// Starts a worker on ``queue``; stop it with ``RunningWorker/stop()`` (graceful).
    func startWorker(_ registry: JobRegistry, concurrency: Int, limiter: QueueLimiter?, cron: [CronSchedule]) -> RunningWorker
    /// Takes the next job as a worker would, with a short lease it never renews: a worker that died holding it.
    func takeAndAbandon() async throws -> String?
    func close() async
}

/// A worker running until stopped.
struct RunningWorker: Sendable {
    let stop: @Sendable () async -> Void
}

/// The backends of this run: SQL always, Redis when the run has a server.
enum BackendKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sql, redis

    var testDescription: String { rawValue }

    static var available: [BackendKind] { TestRedis.url == nil ? [.sql] : [.sql, .redis] }

    /// Runs `body` with a fresh backend of this kind.
    func with(_ body: (any ConformanceBackend) async throws -> Void) async throws {
        let queue = "conformance-\(UUID().uuidString.prefix(8).lowercased())"
        switch self {
        case .sql:
            try await TestDatabase.withDatabase { database in
                let backend = SQLBackend(queue: queue, store: try JobStore(database: database))
                try await body(backend)
            }
        case .redis:
            let backend = RedisBackend(queue: queue, pool: RedisPool(try TestRedis.configuration(), size: 4))
            do {
                try await body(backend)
            } catch {
                await backend.close()
                throw error
            }
            await backend.close()
        }
    }
}

struct SQLBackend: ConformanceBackend {
    let queue: String
    let store: JobStore

    func add(_ job: NewJob, jobId: String?, delay: Int) async throws -> (reference: String, existing: Bool) {
        var job = job
        job.queue = queue
        job.options.jobKey = jobId
        if delay > 0 { job.runAt = Date().timeIntervalSince1970 + Double(delay) / 1_000 }
        let result = try await store.enqueue(job)
        return (String(result.id), result.existing)
    }

    func job(_ reference: String) async throws -> JobRecord? { try await store.job(id: Int64(reference)!) }
    func retry(_ reference: String) async throws { try await store.retry(id: Int64(reference)!) }
    func cancel(_ reference: String) async throws { _ = try await store.cancel(id: Int64(reference)!) }

    func startWorker(_ registry: JobRegistry, concurrency: Int, limiter: QueueLimiter?, cron: [CronSchedule]) -> RunningWorker {
        var options = WorkerOptions(queues: [queue: concurrency])
        options.pollInterval = .milliseconds(50)
        options.maintenanceInterval = .milliseconds(100)
        // A lease long enough that a loaded machine renews it in time: lost leases are the dead-worker test's, which
        // takes its job with a short lease of its own.
        options.heartbeatSeconds = 0.2
        options.leaseSeconds = 10
        options.cron = cron
        if let limiter { options.limiters = [queue: limiter] }
        let worker = JobWorker(store: store, registry: registry, options: options)
        let running = Task { await worker.run() }
        return RunningWorker {
            await worker.shutdown()
            await running.value
        }
    }

    func takeAndAbandon() async throws -> String? {
        try await store.claim(queue: queue, limit: 1, workerID: "died", leaseSeconds: 0.5).first.map { String($0.id) }
    }

    func close() async {}
}

struct RedisBackend: ConformanceBackend {
    let queue: String
    let pool: RedisPool
    var bullmq: BullMQQueue { BullMQQueue(name: queue, redis: pool) }

    func add(_ job: NewJob, jobId: String?, delay: Int) async throws -> (reference: String, existing: Bool) {
        let added = try await bullmq.add(
            BullMQAddition(
                name: job.kind, data: job.payload, attempts: job.maxAttempts, backoff: job.options.backoff, delayMilliseconds: delay,
                priority: job.priority, jobId: jobId))
        return (added.id, added.existing)
    }

    func job(_ reference: String) async throws -> JobRecord? { try await bullmq.job(reference) }
    func retry(_ reference: String) async throws { try await bullmq.retryFailed(reference) }
    func cancel(_ reference: String) async throws { try await bullmq.cancel(reference) }

    func startWorker(_ registry: JobRegistry, concurrency: Int, limiter: QueueLimiter?, cron: [CronSchedule]) -> RunningWorker {
        let worker = RedisJobWorker(
            redis: pool, queues: [queue: concurrency], registry: registry, database: nil, lockMilliseconds: 6_000,
            limiters: limiter.map { [queue: $0] } ?? [:], cron: cron)
        let running = Task { await worker.run() }
        return RunningWorker {
            running.cancel()
            await running.value
        }
    }

    func takeAndAbandon() async throws -> String? {
        try await bullmq.moveToActive(token: "died", lockMilliseconds: 500, worker: "died").job?.id
    }

    func close() async { await pool.shutdown() }
}
