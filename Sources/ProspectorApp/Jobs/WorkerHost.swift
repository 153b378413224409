import FluentKit
import JobQueue
import Logging
import ProspectorData
import ProspectorServices
import Vapor

/// Builds and runs the job worker of a Prospector process (in `serve`, or alone in `worker`).
public final class WorkerHost: Sendable {
    public let worker: JobWorker
    private let lock: SQLiteWorkerLock?
    private let listener: Task<Void, Never>?
    private let loop: Task<Void, Never>

    /// Starts a worker on the application's database with the registered job kinds.
    ///
    /// On SQLite it first takes the database's worker lock: a second worker process is refused.
    public init(app: Application, queues: [String: Int], registry: JobRegistry) throws {
        let configuration = app.prospectorConfiguration
        if case .sqlite(let path) = configuration.database {
            lock = try SQLiteWorkerLock(databasePath: path)
        } else {
            lock = nil
        }
        let store = try JobStore(database: app.db)
        var options = WorkerOptions(queues: queues)
        if configuration.syncIntervalMinutes > 0 { options.cron = try SyncJob.schedules(everyMinutes: configuration.syncIntervalMinutes) }
        options.cron.append(CronSchedule(name: "automation-dispatch", everySeconds: 60, job: DispatchJob.job()))
        let worker = JobWorker(store: store, registry: registry, options: options, logger: app.logger)
        self.worker = worker
        if !configuration.jobsPollOnly, case .postgres(let url) = configuration.database {
            listener = worker.listenForWakeups(databaseURL: url, logger: app.logger)
        } else {
            listener = nil
        }
        loop = Task { await worker.run() }
    }

    /// Stops claiming, lets running jobs finish (or releases them), and waits.
    public func shutdown() async {
        await worker.shutdown()
        await waitUntilStopped()
    }

    /// Waits until the worker stops (after ``shutdown()``, from wherever it was asked).
    public func waitUntilStopped() async {
        await loop.value
        listener?.cancel()
        _ = lock
    }
}

/// The job kinds this build of Prospector knows (the services register theirs here as they arrive).
public enum ProspectorJobs {
    public static func registry(app: Application, apollo: ApolloRuntime) -> JobRegistry {
        var registry = JobRegistry()
        let clock = app.prospectorConfiguration.resilience.clock
        EnrichJob(enricher: apollo.enricher, database: app.db, clock: clock).register(in: &registry)
        SyncJob(service: SyncService(client: apollo.client, database: app.db), clock: clock).register(in: &registry)
        let automation = AutomationService(client: apollo.client, database: app.db, rules: app.prospectorConfiguration.stageRules)
        DispatchJob(service: automation).register(in: &registry)
        StageChangeJob(service: automation, clock: clock).register(in: &registry)
        WebhookDeliveryJob(service: WebhookService(database: app.db)).register(in: &registry)
        PhoneRevealPollJob(client: apollo.client, database: app.db, clock: clock).register(in: &registry)
        return registry
    }
}

/// Stops an in-process worker when the application shuts down.
struct WorkerShutdown: LifecycleHandler {
    let host: WorkerHost

    func shutdownAsync(_ application: Application) async {
        await host.shutdown()
    }
}
