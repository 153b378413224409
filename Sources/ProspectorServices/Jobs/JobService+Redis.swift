import Foundation
import JobQueue
import RedisClient

extension JobService {
    /// Adds a job by name to its BullMQ queue on Redis, with the same data and options it would have in SQL.
    /// A Redis that does not answer is ``ServiceError/queueUnavailable(_:)``: nothing was added.
    func addToRedis(_ job: NewJob, addition: JobAddition, queue: String, redis: RedisPool) async throws -> JobAdded {
        let bullmq = BullMQQueue(name: queue, redis: redis)
        let added: (id: String, existing: Bool)
        do {
            added = try await bullmq.add(
                BullMQAddition(
                    name: job.kind, data: job.payload, attempts: job.maxAttempts, backoff: job.options.backoff,
                    delayMilliseconds: addition.delayMilliseconds ?? 0, priority: addition.priority ?? 0, jobId: addition.jobId,
                    removeOnComplete: addition.removeOnComplete, removeOnFail: addition.removeOnFail))
        } catch let error as RedisError {
            throw ServiceError.queueUnavailable("the job queue (Redis) did not answer: \(error)")
        }
        return JobAdded(id: Int64(added.id) ?? 0, jobId: added.id, name: job.kind, queue: queue, existing: added.existing)
    }
}
