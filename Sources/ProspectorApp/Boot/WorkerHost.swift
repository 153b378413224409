import FluentKit
import JobQueue
import Logging
import ProspectorData
import ProspectorServices

/// The job worker of a Prospector process (in `serve`, or alone in `worker`), built by ``Boot``.
public final class WorkerHost: Sendable {
    public let worker: JobWorker
    private let lock: SQLiteWorkerLock?
    private let listener: Task<Void, Never>?
    private let loop: Task<Void, Never>
    /// The worker of the BullMQ queues on Redis (`JOBS_BACKEND=redis`, ``JobPlacement``); the SQL worker keeps serving
    /// the same queues' SQL jobs (reveal polls on `enrich`, jobs enqueued before the switch).
    private let redisLoop: Task<Void, Never>?

    /// Starts a worker on `services`' database with every job kind and the cron schedules.
    ///
    /// On SQLite it first takes the database's worker lock: a second worker process is refused.
    init(services: AppServices, configuration: AppConfiguration, queues: [String: Int], logger: Logger) throws {
        if case .sqlite(let path) = configuration.database {
            lock = try SQLiteWorkerLock(databasePath: path)
        } else {
            lock = nil
        }
        let store = try JobStore(database: services.database)
        var options = WorkerOptions(queues: queues)
        options.cron = try ProspectorJobs.schedules(syncIntervalMinutes: configuration.syncIntervalMinutes)
        options.limiters = configuration.queueLimiters
        options.leaseSeconds = configuration.jobsLeaseSeconds
        options.heartbeatSeconds = min(options.heartbeatSeconds, configuration.jobsLeaseSeconds / 3)
        let worker = JobWorker(store: store, registry: try ProspectorJobs.registry(services), options: options, logger: logger)
        self.worker = worker
        if !configuration.jobsPollOnly, case .postgres(let url) = configuration.database {
            listener = worker.listenForWakeups(databaseURL: url, logger: logger)
        } else {
            listener = nil
        }
        loop = Task { await worker.run() }
        if let redis = services.jobsRedis {
            let redisQueues = queues.filter { JobPlacement.redisQueueNames.contains($0.key) }
            let redisWorker = RedisJobWorker(
                redis: redis, queues: redisQueues, registry: try ProspectorJobs.registry(services), database: services.database, logger: logger,
                lockMilliseconds: Int(configuration.jobsLeaseSeconds * 1_000), limiters: configuration.queueLimiters, cron: options.cron)
            redisLoop = redisQueues.isEmpty ? nil : Task { await redisWorker.run() }
        } else {
            redisLoop = nil
        }
    }

    /// Stops claiming, lets running jobs finish (or releases them), and waits.
    public func shutdown() async {
        redisLoop?.cancel()
        await worker.shutdown()
        await waitUntilStopped()
    }

    /// Waits until the worker stops (after ``shutdown()``, from wherever it was asked).
    public func waitUntilStopped() async {
        await loop.value
        redisLoop?.cancel()
        await redisLoop?.value
        listener?.cancel()
        _ = lock
    }
}
