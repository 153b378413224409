import FluentKit
import Foundation
import Logging
import RedisClient

/// Runs the registry's handlers for jobs of BullMQ queues on Redis, as a BullMQ worker would: `concurrency` loops
/// per queue, each taking the next job under a lock (renewed at half its duration), waiting on the queue's marker
/// when there is none, finishing, retrying with the job's own backoff, or failing it; and, every few seconds,
/// putting back jobs whose worker died (their lock expired). Handlers' writes go to `database`.
public final class RedisJobWorker: Sendable {
    let redis: RedisPool
    let queues: [String: Int]
    let registry: JobRegistry
    let database: (any Database)?
    let logger: Logger
    let workerName: String
    let lockMilliseconds: Int
    let prefix: String

    public init(
        redis: RedisPool, queues: [String: Int], registry: JobRegistry, database: (any Database)?, logger: Logger = Logger(label: "jobs.redis"),
        workerName: String = "prospector-\(ProcessInfo.processInfo.processIdentifier)", lockMilliseconds: Int = 30_000, prefix: String = "bull"
    ) {
        self.redis = redis
        self.queues = queues
        self.registry = registry
        self.database = database
        self.logger = logger
        self.workerName = workerName
        self.lockMilliseconds = lockMilliseconds
        self.prefix = prefix
    }

    /// Works until the task is cancelled; a job being handled then is finished first (graceful shutdown).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for (name, concurrency) in queues.sorted(by: { $0.key < $1.key }) {
                let queue = BullMQQueue(name: name, redis: redis, prefix: prefix)
                for _ in 0..<max(1, concurrency) { group.addTask { await self.loop(queue) } }
                group.addTask { await self.recoverStalledJobs(queue) }
            }
        }
    }

    private func loop(_ queue: BullMQQueue) async {
        var blocking: RedisConnection?
        defer { if let blocking { Task { await blocking.close() } } }
        while !Task.isCancelled {
            do {
                let (job, nextDelayed) = try await queue.moveToActive(
                    token: UUID().uuidString.lowercased(), lockMilliseconds: lockMilliseconds, worker: workerName)
                if let job {
                    await process(job, in: queue)
                    continue
                }
                // Nothing to take: wait on the marker, at most until the next delayed job is due.
                let untilDelayed = nextDelayed.map { Double($0 - BullMQQueue.milliseconds()) / 1_000 } ?? 5
                if blocking == nil || blocking?.isOpen == false { blocking = try await RedisConnection.connect(redis.configuration) }
                try await queue.waitForMarker(on: blocking!, seconds: min(5, max(0.01, untilDelayed)))
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("redis queue unavailable; trying again", metadata: ["queue": "\(queue.name)", "error": "\(type(of: error))"])
                blocking = nil
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    private func process(_ job: BullMQJob, in queue: BullMQQueue) async {
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(lockMilliseconds / 2))
                guard try await queue.extendLock(job, milliseconds: lockMilliseconds) else { return }
            }
        }
        defer { renewal.cancel() }
        let outcome: JobOutcome
        if let handler = registry.handler(for: job.name) {
            let context = JobContext(
                job: job.record(queue: queue.name), redisProgress: { json in try await queue.updateProgress(id: job.id, json: json) },
                database: database)
            // Shutdown does not cut a handler short: it finishes, and its outcome is recorded.
            do { outcome = try await Task { try await handler(context) }.value } catch { outcome = .fail(error: Self.describe(error)) }
        } else {
            outcome = .discard(reason: "no handler for job name '\(job.name)' on this worker")
        }
        do {
            try await record(outcome, of: job, in: queue)
        } catch {
            logger.warning("could not record a job's outcome", metadata: ["queue": "\(queue.name)", "job": "\(job.id)", "error": "\(error)"])
        }
    }

    private func record(_ outcome: JobOutcome, of job: BullMQJob, in queue: BullMQQueue) async throws {
        switch outcome {
        case .complete(let result): try await queue.complete(job, returnValue: result ?? "null")
        case .recorded: try await queue.complete(job, returnValue: "null")
        case .snooze(let until):
            try await queue.retry(
                job, reason: "", delayMilliseconds: max(1, Int64((until - Date().timeIntervalSince1970) * 1_000)), spendsAttempt: false)
        case .cancel(let reason), .discard(let reason): try await queue.failFinally(job, reason: reason)
        case .fail(let error):
            if job.attemptsMade + 1 < job.attempts {
                let delay = job.backoff.map { Int64($0.seconds(afterAttempt: job.attemptsMade + 1) * 1_000) } ?? 0
                try await queue.retry(job, reason: error, delayMilliseconds: delay)
            } else {
                try await queue.failFinally(job, reason: error)
            }
        }
    }

    private func recoverStalledJobs(_ queue: BullMQQueue) async {
        while !Task.isCancelled {
            if let moved = try? await queue.recoverStalled(), !moved.isEmpty {
                logger.notice("put back jobs whose worker stopped", metadata: ["queue": "\(queue.name)", "jobs": "\(moved.count)"])
            }
            try? await Task.sleep(for: .milliseconds(max(1_000, lockMilliseconds / 2)))
        }
    }

    /// An error as a job's failed reason: its own description, as BullMQ keeps an Error's message.
    static func describe(_ error: any Error) -> String {
        String(describing: error).prefix(2_000).description
    }
}
