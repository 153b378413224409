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
    /// BullMQ's worker `limiter` per queue, shared with every worker of the queue (BullMQ's included).
    let limiters: [String: QueueLimiter]
    /// Repeatable jobs: each slot is added once across workers, by whichever worker serves the schedule's queue.
    let cron: [CronSchedule]

    public init(
        redis: RedisPool, queues: [String: Int], registry: JobRegistry, database: (any Database)?, logger: Logger = Logger(label: "jobs.redis"),
        workerName: String = "prospector-\(ProcessInfo.processInfo.processIdentifier)", lockMilliseconds: Int = 30_000, prefix: String = "bull",
        limiters: [String: QueueLimiter] = [:], cron: [CronSchedule] = []
    ) {
        self.redis = redis
        self.queues = queues
        self.registry = registry
        self.database = database
        self.logger = logger
        self.workerName = workerName
        self.lockMilliseconds = lockMilliseconds
        self.prefix = prefix
        self.limiters = limiters
        self.cron = cron.filter { queues[$0.job.queue] != nil }
    }

    /// Works until the task is cancelled; a job being handled then is finished first (graceful shutdown).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for (name, concurrency) in queues.sorted(by: { $0.key < $1.key }) {
                let queue = BullMQQueue(name: name, redis: redis, prefix: prefix)
                for _ in 0..<max(1, concurrency) { group.addTask { await self.loop(queue) } }
                group.addTask { await self.maintain(queue) }
            }
        }
    }

    private func loop(_ queue: BullMQQueue) async {
        var blocking: RedisConnection?
        defer { if let blocking { Task { await blocking.close() } } }
        while !Task.isCancelled {
            do {
                let (job, nextDelayed, limitedFor) = try await queue.moveToActive(
                    token: UUID().uuidString.lowercased(), lockMilliseconds: lockMilliseconds, worker: workerName,
                    limiter: limiters[queue.name])
                if let job {
                    await process(job, in: queue)
                    continue
                }
                if let limitedFor {
                    try await Task.sleep(for: .milliseconds(limitedFor))
                    continue
                }
                // Nothing to take: wait on the marker, at most until the next delayed job is due.
                let untilDelayed = nextDelayed.map { Double($0 - BullMQQueue.milliseconds()) / 1_000 } ?? 5
                if blocking == nil || blocking?.isOpen == false { blocking = try await RedisConnection.connect(redis.configuration) }
                let connection = blocking!
                // Shutdown must not wait out a blocked read: closing the connection ends it at once.
                try await withTaskCancellationHandler {
                    try await queue.waitForMarker(on: connection, seconds: min(5, max(0.01, untilDelayed)))
                } onCancel: {
                    Task { await connection.close() }
                }
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("redis queue unavailable; trying again", metadata: ["queue": "\(queue.name)", "error": "\(type(of: error))"])
                blocking = nil
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// An error as a job's failed reason: its own description, as BullMQ keeps an Error's message.
    static func describe(_ error: any Error) -> String {
        String(describing: error).prefix(2_000).description
    }
}
