import Dispatch
import FluentKit
import Foundation
import JobQueue
import Logging
import ProspectorData
import SQLKit

/// Runs a worker with the probe kinds until SIGTERM (`work`) or until `--expect` jobs are done (`drain`).
struct ProbeWorker {
    let arguments: ProbeArguments
    let database: any Database
    let target: DatabaseTarget
    let logger: Logger

    func run() async throws {
        var lock: SQLiteWorkerLock?
        if case .sqlite(let path) = target {
            do {
                lock = try SQLiteWorkerLock(databasePath: path)
            } catch {
                FileHandle.standardError.write(Data("jobqueue-probe: \(error)\n".utf8))
                exit(75)
            }
        }
        defer { _ = lock }
        let workerName = arguments.value("name") ?? "probe-\(ProcessInfo.processInfo.processIdentifier)"
        var registry = JobRegistry()
        registry.register("probe.noop") { _ in .complete() }
        let record: JobHandler = { context in
            if let milliseconds = Self.sleepMilliseconds(context.payload, attempt: context.job.attempt) {
                try await Task.sleep(for: .milliseconds(milliseconds))
            }
            return try await context.complete { transaction in
                try await (transaction as! any SQLDatabase).raw(
                    """
                    INSERT INTO probe_completions (job_id, attempt, worker, kind)
                    VALUES (\(bind: context.job.id), \(bind: context.job.attempt), \(bind: workerName), \(bind: context.job.kind))
                    """
                ).run()
            }
        }
        registry.register("probe.work", record)
        registry.register("probe.cron", record)

        var options = WorkerOptions(queues: try WorkerOptions.parseQueues(arguments.value("queues") ?? "default=4"))
        options.workerID = workerName
        options.leaseSeconds = arguments.double("lease") ?? 30
        options.heartbeatSeconds = arguments.double("heartbeat") ?? 10
        options.pollInterval = .milliseconds(arguments.int("poll-ms") ?? 1_000)
        options.maintenanceInterval = .milliseconds(arguments.int("maintenance-ms") ?? 1_000)
        options.shutdownTimeout = .milliseconds(arguments.int("shutdown-ms") ?? 25_000)
        if let every = arguments.double("cron-every") {
            options.cron = [CronSchedule(name: "probe", everySeconds: every, job: NewJob(kind: "probe.cron"))]
        }
        let store = try JobStore(database: database)
        let worker = JobWorker(store: store, registry: registry, options: options, logger: logger)
        let listener = arguments.flag("poll-only") ? nil : worker.listenForWakeups(databaseURL: arguments.value("database"), logger: logger)
        let signals = worker.shutdownOnSignals()
        let stopper = arguments.command == "drain" ? drainWatcher(worker, store: store) : nil
        say("READY \(workerName)")
        let started = ContinuousClock.now
        await worker.run()
        let elapsed = ContinuousClock.now - started
        listener?.cancel()
        stopper?.cancel()
        _ = signals
        if arguments.command == "drain" {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let expected = arguments.int("expect") ?? 0
            say(#"{"jobs": \#(expected), "seconds": \#(seconds), "jobs_per_second": \#(Double(expected) / seconds)}"#)
        }
        say("STOPPED \(workerName)")
    }

    /// `sleep_ms`, or `first_attempt_sleep_ms` on the first attempt when given (a job that cannot finish before the
    /// test kills its first worker, however slow the machine).
    private static func sleepMilliseconds(_ payload: String, attempt: Int) -> Int? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] else { return nil }
        if attempt == 1, let first = object["first_attempt_sleep_ms"] as? Int { return first }
        return object["sleep_ms"] as? Int
    }

    /// In drain mode: stop once nothing is available or running any more.
    private func drainWatcher(_ worker: JobWorker, store: JobStore) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
                if (try? await store.hasOpenJobs()) == false {
                    await worker.shutdown()
                    return
                }
            }
        }
    }
}
