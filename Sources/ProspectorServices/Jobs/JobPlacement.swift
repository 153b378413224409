import FluentKit
import Foundation
import JobQueue
import RedisClient

/// Where a job lives. SQL by default. With `JOBS_BACKEND=redis`, the kinds BullMQ producers add by name
/// (`apollo-enrichment`: enrich-person, enrich-org, bulk-search) and bulk enrichment (`enrich`) are BullMQ jobs on
/// Redis; the jobs that commit together with the data that causes them (stage changes, task creation, webhook
/// deliveries, reveal polls, sync runs, approvals' jobs) stay in SQL, where that transaction can hold them
/// (docs/jobs.md, "Two backends").
public struct JobPlacement: Sendable {
    public let redis: RedisPool?

    public init(redis: RedisPool?) { self.redis = redis }

    /// The job kinds that are BullMQ jobs when Redis is the backend.
    static let redisKinds: Set<String> = Set(ProspectorJobs.addable.keys).union([EnrichJob.kind])
    /// Their queues: a Redis worker serves these.
    public static let redisQueueNames: Set<String> = Set(ProspectorJobs.addable.values.map(\.queue.rawValue)).union([EnrichJob.queue.rawValue])

    /// The BullMQ queues this process uses on Redis (none without Redis).
    public var redisQueues: Set<String> { redis == nil ? [] : Self.redisQueueNames }

    /// The BullMQ queue `name`, when it lives on Redis here.
    func bullmq(_ name: String?) -> BullMQQueue? {
        guard let redis, let name, Self.redisQueueNames.contains(name) else { return nil }
        return BullMQQueue(name: name, redis: redis)
    }

    /// Enqueues `job`: on its BullMQ queue when its kind lives on Redis here, else in SQL on `database`. A Redis that
    /// does not answer is ``ServiceError/queueUnavailable(_:)``: nothing was added.
    func enqueue(_ job: NewJob, jobId: String? = nil, delayMilliseconds: Int? = nil, on database: any Database) async throws -> JobAdded {
        guard Self.redisKinds.contains(job.kind), let queue = bullmq(job.queue) else {
            let result = try await JobStore.enqueue(job, on: database)
            return JobAdded(sql: result.id, jobId: jobId, name: job.kind, queue: job.queue, existing: result.existing)
        }
        let added = try await onRedis {
            try await queue.add(
                BullMQAddition(
                    name: job.kind, data: job.payload, attempts: job.maxAttempts, backoff: job.options.backoff,
                    delayMilliseconds: delayMilliseconds ?? 0, priority: job.priority, jobId: jobId,
                    removeOnComplete: job.options.removeOnComplete, removeOnFail: job.options.removeOnFail))
        }
        return JobAdded(bullmq: added.id, name: job.kind, queue: job.queue, existing: added.existing)
    }

    /// Runs a BullMQ operation: a Redis that does not answer is ``ServiceError/queueUnavailable(_:)``, a job that is
    /// not there is not found, one in the wrong state a conflict.
    func onRedis<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as RedisError {
            throw ServiceError.queueUnavailable("the job queue (Redis) did not answer: \(error)")
        } catch let error as BullMQError {
            switch error {
            case .missing(let id): throw ServiceError.notFound("job \(id) does not exist")
            case .invalidState(let id, let operation): throw ServiceError.conflict("job \(id) cannot be \(operation) in its state")
            default: throw ServiceError.conflict("\(error)")
            }
        }
    }
}

/// How a job is named: SQL jobs by number; a BullMQ job on Redis by its queue and its id (BullMQ's number, or the
/// adder's `jobId`).
public struct JobReference: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    /// Names the BullMQ queue on Redis; nil (or a queue in SQL): a SQL job.
    public var queue: String?

    public init(id: String, queue: String? = nil) {
        self.id = id
        self.queue = queue
    }

    public init(_ id: Int64) { self.init(id: String(id)) }

    public var description: String { queue.map { "\(id) on \($0)" } ?? id }
}
