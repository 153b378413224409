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
    /// Backoff, the caller's job id and removal, as BullMQ's options say them.
    public var options: JobOptions

    public init(
        kind: String, payload: String = "{}", queue: String = "default", priority: Int = 0, runAt: Double? = nil,
        maxAttempts: Int = 20, uniqueKey: String? = nil, options: JobOptions = JobOptions()
    ) {
        self.options = options
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
