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
    public var options = JobOptions()
    /// The job's id on its BullMQ queue when it lives on Redis; nil for a SQL job (named by ``id``).
    public var bullmqID: String? = nil

    // Rows are decoded with snake_case conversion, which spells `worker_id` as `workerId`.
    enum CodingKeys: String, CodingKey {
        case id, queue, kind, payload, state, priority, runAt, attempt, maxAttempts, uniqueKey
        case workerID = "workerId"
        case leaseExpiresAt, cancelRequested, progress, result, lastError, createdAt, updatedAt, finishedAt, options, bullmqID
    }
}
