import JobQueue

/// How many jobs one queue holds in each state.
public struct QueueDepth: Sendable, Equatable {
    public var queue: String
    public var counts: [JobState: Int]

    public func count(_ state: JobState) -> Int { counts[state] ?? 0 }
}

extension JobService {
    /// Every queue with jobs, by name, with its counts per state.
    public func depths() async throws -> [QueueDepth] {
        try await store().depth().map { QueueDepth(queue: $0.key, counts: $0.value) }.sorted { $0.queue < $1.queue }
    }
}

/// A job's state, named for the layers above services (which do not import the queue).
public typealias QueueJobState = JobState
/// A job as stored, named for the layers above services.
public typealias QueueJob = JobRecord
