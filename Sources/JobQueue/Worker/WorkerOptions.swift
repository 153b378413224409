import Foundation

/// How a worker runs.
public struct WorkerOptions: Sendable {
    /// Queue name → number of jobs run at once.
    public var queues: [String: Int]
    /// A claimed job belongs to this worker until the lease expires without a heartbeat.
    public var leaseSeconds: Double = 30
    public var heartbeatSeconds: Double = 10
    /// Fallback polling when no wake-up arrives (and the only mechanism in poll-only mode).
    public var pollInterval: Duration = .seconds(1)
    /// Rescue, pruning, cron and depth metrics run this often.
    public var maintenanceInterval: Duration = .seconds(5)
    /// Completed and cancelled jobs are deleted this long after they finished.
    public var retentionSeconds: Double = 7 * 86_400
    /// On shutdown, running jobs get this long to finish before they are released.
    public var shutdownTimeout: Duration = .seconds(25)
    /// Retry delay: `base × 2^(attempt−1)` capped at `maxBackoffSeconds`, with full jitter.
    public var backoffBaseSeconds: Double = 2
    public var maxBackoffSeconds: Double = 3_600
    public var cron: [CronSchedule] = []
    /// Queue name → the most jobs that start per period across all workers (BullMQ's `limiter`); none by default.
    public var limiters: [String: QueueLimiter] = [:]
    public var workerID: String

    public init(queues: [String: Int]) {
        self.queues = queues
        self.workerID = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    }

    /// Parses `enrich=3,sync=1` (a bare name means concurrency 1).
    public static func parseQueues(_ text: String) throws(JobQueueError) -> [String: Int] {
        var queues: [String: Int] = [:]
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let name = pieces.first, !name.isEmpty, pieces.count <= 2 else { throw .invalidQueueSpec(text) }
            let concurrency = pieces.count == 2 ? Int(pieces[1]) : 1
            guard let concurrency, (1...1_000).contains(concurrency) else { throw .invalidQueueSpec(text) }
            queues[name] = concurrency
        }
        guard !queues.isEmpty else { throw .invalidQueueSpec(text) }
        return queues
    }

    /// Full-jitter exponential backoff for a failed attempt.
    func backoff(attempt: Int) -> Double {
        let ceiling = min(maxBackoffSeconds, backoffBaseSeconds * pow(2, Double(max(0, attempt - 1))))
        return Double.random(in: 0...ceiling)
    }
}
