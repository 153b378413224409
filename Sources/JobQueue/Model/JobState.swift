/// Where a job is in its life.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Waiting for `run_at` and a free worker (new, retrying or snoozed).
    case available
    /// Claimed by a worker holding a lease.
    case running
    case completed
    /// Out of attempts; kept with its last error until retried or pruned.
    case dead
    case cancelled
}

/// A job as stored.
public struct JobRecord: Sendable, Codable, Equatable {
    public var id: Int64
    public var queue: String
    public var kind: String
    public var payload: String
    public var state: JobState
    public var priority: Int
    public var runAt: Double
    /// The number of the current or last attempt; also the lease's fencing token.
    public var attempt: Int
    public var maxAttempts: Int
    public var uniqueKey: String?
    public var workerID: String?
    public var leaseExpiresAt: Double?
    public var cancelRequested: Bool
    public var progress: String?
    public var result: String?
    public var lastError: String?
    public var createdAt: Double
    public var updatedAt: Double
    public var finishedAt: Double?

    // Rows are decoded with snake_case conversion, which spells `worker_id` as `workerId`.
    enum CodingKeys: String, CodingKey {
        case id, queue, kind, payload, state, priority, runAt, attempt, maxAttempts, uniqueKey
        case workerID = "workerId"
        case leaseExpiresAt, cancelRequested, progress, result, lastError, createdAt, updatedAt, finishedAt
    }
}

/// A job to enqueue.
public struct NewJob: Sendable, Equatable {
    public var kind: String
    /// JSON text handed to the handler as is.
    public var payload: String
    public var queue: String
    /// Lower runs first.
    public var priority: Int
    /// Not before this time; nil means now.
    public var runAt: Double?
    public var maxAttempts: Int
    /// While a job with this key is available or running, enqueueing again returns it instead.
    public var uniqueKey: String?

    public init(
        kind: String, payload: String = "{}", queue: String = "default", priority: Int = 0, runAt: Double? = nil,
        maxAttempts: Int = 20, uniqueKey: String? = nil
    ) {
        self.kind = kind
        self.payload = payload
        self.queue = queue
        self.priority = priority
        self.runAt = runAt
        self.maxAttempts = max(1, maxAttempts)
        self.uniqueKey = uniqueKey
    }
}

/// The answer to an enqueue: the job's id and whether a live job with the same unique key already existed.
public struct EnqueueResult: Sendable, Equatable {
    public var id: Int64
    public var existing: Bool
}
