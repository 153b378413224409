import JobQueue

/// What a job added to a queue gets when its own options do not say (BullMQ's `defaultJobOptions`), and how many of its
/// jobs a worker runs at once. A queue's limiter is configuration (`QUEUE_LIMITERS`), off by default.
public struct QueueDefaults: Sendable, Equatable {
    public var attempts: Int
    public var options: JobOptions
    /// Jobs a worker runs at once on this queue unless `WORKER_QUEUES` says otherwise.
    public var concurrency: Int

    public init(attempts: Int, options: JobOptions = JobOptions(), concurrency: Int) {
        self.attempts = attempts
        self.options = options
        self.concurrency = concurrency
    }

    /// The reference's numbers for `apollo-enrichment`: 3 attempts, exponential backoff from 5 s, the last 1,000
    /// completed jobs kept, 3 at once. Its limiter stays off: the rate governor already paces every Apollo call by
    /// Apollo's real limits, and a second, guessed limit would only slow the queue down.
    public static let apolloEnrichment = QueueDefaults(
        attempts: 3,
        options: JobOptions(backoff: JobBackoff(.exponential, delayMilliseconds: 5_000), removeOnComplete: JobRemoval(count: 1_000)),
        concurrency: 3)
}
