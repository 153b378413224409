import JobQueue

/// How many jobs one queue holds in each state.
public struct QueueDepth: Sendable, Equatable {
    public var queue: String
    public var counts: [JobState: Int]

    public func count(_ state: JobState) -> Int { counts[state] ?? 0 }
}

extension JobService {
    /// Every queue with jobs, by name, with its counts per state; a queue with jobs on both backends is counted once
    /// with both.
    public func depths() async throws -> [QueueDepth] {
        var counts = try await store().depth()
        for name in placement.redisQueues {
            let onRedis = try await onRedis { try await placement.bullmq(name)!.depth() }
            guard onRedis.values.contains(where: { $0 > 0 }) else { continue }
            counts[name, default: [:]].merge(onRedis, uniquingKeysWith: +)
        }
        return counts.map { QueueDepth(queue: $0.key, counts: $0.value) }.sorted { $0.queue < $1.queue }
    }
}

/// A job's state, named for the layers above services (which do not import the queue).
public typealias QueueJobState = JobState
/// A job as stored, named for the layers above services.
public typealias QueueJob = JobRecord
