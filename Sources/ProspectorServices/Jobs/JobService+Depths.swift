import JobQueue

/// How many jobs one queue holds in each state.
public struct QueueDepth: Sendable, Equatable {
    public var queue: String
    public var counts: [JobState: Int]

    public func count(_ state: JobState) -> Int { counts[state] ?? 0 }
}

/// How many jobs each queue holds, and whether Redis's queues are among them.
public struct JobDepths: Sendable {
    /// Every queue with jobs, by name.
    public var queues: [QueueDepth]
    /// Why the BullMQ queues on Redis are missing from `queues` (Redis did not answer); nil when they are counted.
    public var redisUnavailable: String?

    /// Dead jobs in every queue counted.
    public var dead: Int { queues.reduce(0) { $0 + $1.count(.dead) } }
}

extension JobService {
    /// Every queue with jobs, by name, with its counts per state; a queue with jobs on both backends is counted once
    /// with both. A Redis that does not answer leaves its queues out and says so, so that a page of counts still shows
    /// the SQL queues.
    public func depths() async throws -> JobDepths {
        var counts = try await store().depth()
        var redisUnavailable: String?
        do {
            // All of Redis's counts or none: a Redis lost halfway would otherwise leave half its queues counted.
            var redisCounts: [String: [JobState: Int]] = [:]
            for name in placement.redisQueues { redisCounts[name] = try await placement.onRedis { try await placement.bullmq(name)!.depth() } }
            for (name, states) in redisCounts where states.values.contains(where: { $0 > 0 }) {
                counts[name, default: [:]].merge(states, uniquingKeysWith: +)
            }
        } catch ServiceError.queueUnavailable(let reason) {
            redisUnavailable = reason
        }
        return JobDepths(
            queues: counts.map { QueueDepth(queue: $0.key, counts: $0.value) }.sorted { $0.queue < $1.queue }, redisUnavailable: redisUnavailable)
    }
}

/// A job's state, named for the layers above services (which do not import the queue).
public typealias QueueJobState = JobState
/// A job as stored, named for the layers above services.
public typealias QueueJob = JobRecord
