import Foundation
import Logging
import Metrics
import Synchronization

/// Claims and runs jobs of some queues until ``shutdown()``.
///
/// Each queue has its own loop: claim as many due jobs as there are free slots, run each with a heartbeat,
/// then wait for a wake-up hint (NOTIFY or in-process) or the poll interval. A maintenance loop rescues
/// expired leases, prunes, fires cron slots and publishes depth metrics.
public actor JobWorker {
    private let store: JobStore
    private let registry: JobRegistry
    private let options: WorkerOptions
    private let logger: Logger
    private var doorbells: [String: Doorbell] = [:]
    private var running: [Int64: RunningJob] = [:]
    /// Outcomes handed over but not yet written: shutdown waits for them too.
    private var recording = 0
    private var stopping = false
    private var stopped: CheckedContinuation<Void, Never>?
    private let completions: CompletionBatcher
    private let startedAt = Date().timeIntervalSince1970

    private struct RunningJob {
        var record: JobRecord
        var task: Task<Void, Never>
        var control: ExecutionControl
    }

    public init(store: JobStore, registry: JobRegistry, options: WorkerOptions, logger: Logger = Logger(label: "jobs.worker")) {
        self.store = store
        self.registry = registry
        self.options = options
        self.logger = logger
        self.completions = CompletionBatcher(store: store)
        for queue in options.queues.keys { doorbells[queue] = Doorbell() }
    }

    /// A hint that `queue` has new work (from NOTIFY or an in-process enqueue); nil wakes every queue.
    public nonisolated func wake(queue: String?) {
        Task { await ring(queue) }
    }

    private func ring(_ queue: String?) async {
        for (name, bell) in doorbells where queue == nil || queue == name { await bell.ring() }
    }

    /// Runs the queue loops and maintenance until ``shutdown()``, then returns once running jobs are done or released.
    public func run() async {
        logger.info("worker started", metadata: ["worker": "\(options.workerID)", "queues": "\(options.queues)"])
        // Heartbeats go on while running jobs drain at shutdown, so they stop only after `drain()`.
        let heartbeats = Task { await self.heartbeatLoop() }
        defer { heartbeats.cancel() }
        await withTaskGroup(of: Void.self) { group in
            for (queue, concurrency) in options.queues {
                group.addTask { await self.queueLoop(queue, concurrency: concurrency) }
            }
            group.addTask { await self.maintenanceLoop() }
            await group.waitForAll()
        }
        await drain()
        try? await store.forgetWorker(options.workerID)
        logger.info("worker stopped", metadata: ["worker": "\(options.workerID)"])
    }

    /// Stops claiming; running jobs get `shutdownTimeout` to finish, then are released for another worker.
    public func shutdown() async {
        guard !stopping else { return }
        stopping = true
        await ring(nil)
    }

    private func queueLoop(_ queue: String, concurrency: Int) async {
        let bell = doorbells[queue]!
        // Claim in batches: while jobs run, wait until a quarter of the slots are free.
        let threshold = max(1, concurrency / 4)
        while !stopping {
            let busy = running.values.filter { $0.record.queue == queue }.count
            let free = concurrency - busy
            var wait = options.pollInterval
            if free >= threshold || (busy == 0 && free > 0) {
                do {
                    let (claimed, limitedUntil) = try await claim(queue, free: free)
                    for job in claimed { start(job) }
                    if claimed.count == free { continue }
                    if let limitedUntil { wait = min(wait, .milliseconds(Int64(max(1, (limitedUntil - store.now()) * 1_000)))) }
                } catch {
                    logger.warning("claim failed; retrying after the poll interval", metadata: ["queue": "\(queue)", "error": "\(error)"])
                }
            }
            await bell.wait(timeout: wait)
        }
    }

    /// Claims up to `free` jobs, within the queue's limiter when it has one; also says when a limited window ends.
    private func claim(_ queue: String, free: Int) async throws -> (jobs: [JobRecord], limitedUntil: Double?) {
        guard let limiter = options.limiters[queue] else {
            return (try await store.claim(queue: queue, limit: free, workerID: options.workerID, leaseSeconds: options.leaseSeconds), nil)
        }
        let window = try await store.takeStarts(queue: queue, wanted: free, limiter: limiter)
        let jobs = try await store.claim(queue: queue, limit: window.granted, workerID: options.workerID, leaseSeconds: options.leaseSeconds)
        try await store.returnStarts(queue: queue, count: window.granted - jobs.count, windowStart: window.windowStart)
        return (jobs, jobs.count < free ? window.windowEnds : nil)
    }

    private func start(_ job: JobRecord) {
        let latency = max(0, Date().timeIntervalSince1970 - job.runAt)
        Metrics.Timer(label: "jobs_claim_latency_seconds", dimensions: [("queue", job.queue)]).recordSeconds(latency)
        let control = ExecutionControl()
        let task = Task { await self.execute(job, control: control) }
        running[job.id] = RunningJob(record: job, task: task, control: control)
    }

    /// The handler is done: its slot is free for the next claim while its outcome is written.
    private func handlerFinished(_ job: JobRecord) async {
        running[job.id] = nil
        recording += 1
        await doorbells[job.queue]?.ring()
    }

    private func recorded() {
        recording -= 1
        if stopping && running.isEmpty && recording == 0, let stopped {
            self.stopped = nil
            stopped.resume()
        }
    }

    private func execute(_ job: JobRecord, control: ExecutionControl) async {
        let started = ContinuousClock.now
        let outcome = await JobExecution(job: job, store: store, logger: logger).run(registry.handler(for: job.kind), control: control)
        let seconds = (ContinuousClock.now - started).seconds
        Metrics.Timer(label: "jobs_run_seconds", dimensions: [("kind", job.kind)]).recordSeconds(seconds)
        await handlerFinished(job)
        if let outcome {
            do {
                let state = try await record(outcome, of: job)
                Counter(label: "jobs_finished_total", dimensions: [("kind", job.kind), ("state", state.rawValue)]).increment()
            } catch {
                logger.warning("could not record a job's outcome", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
        recorded()
    }

    /// Completions go through the batcher; every other outcome is one fenced statement.
    private func record(_ outcome: JobOutcome, of job: JobRecord) async throws -> JobState {
        guard case .complete(let result) = outcome else {
            return try await store.finish(job, outcome: outcome, backoff: options.backoff(attempt:))
        }
        guard try await completions.complete(job, result: result) else {
            throw JobQueueError.leaseLost(jobID: job.id, attempt: job.attempt)
        }
        return .completed
    }

    /// After the loops stop: wait for running jobs up to the timeout, then cancel and release the rest.
    private func drain() async {
        guard !running.isEmpty || recording > 0 else { return }
        let timeout = options.shutdownTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.releaseRemaining()
        }
        await withCheckedContinuation { continuation in
            if running.isEmpty && recording == 0 { continuation.resume() } else { stopped = continuation }
        }
        timer.cancel()
    }

    private func releaseRemaining() async {
        for (_, job) in running {
            job.control.loseLease()
            do {
                try await store.release(job.record)
                logger.notice("released a running job at shutdown", metadata: ["job": "\(job.record.id)"])
            } catch {
                logger.warning("could not release a job; its lease will expire", metadata: ["job": "\(job.record.id)", "error": "\(error)"])
            }
        }
        running.removeAll()
        if recording == 0, let waiting = stopped {
            stopped = nil
            waiting.resume()
        }
    }

    /// Extends the leases of all running jobs in one statement every `heartbeatSeconds`, passing on cancellation
    /// requests; a job whose lease is gone (or after a whole lease without a successful beat, every job) is ended.
    private func heartbeatLoop() async {
        var lastSuccess = ContinuousClock.now
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(options.heartbeatSeconds))
            if Task.isCancelled { return }
            let snapshot = Array(running.values)
            guard !snapshot.isEmpty else {
                lastSuccess = ContinuousClock.now
                continue
            }
            do {
                let held = try await store.heartbeatBatch(snapshot.map(\.record), leaseSeconds: options.leaseSeconds)
                lastSuccess = ContinuousClock.now
                for job in snapshot {
                    switch held[job.record.id] {
                    case .some(true): job.control.requestCancel()
                    case .some(false): break
                    case .none: job.control.loseLease()
                    }
                }
            } catch {
                logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
                if ContinuousClock.now - lastSuccess > .seconds(options.leaseSeconds) {
                    for running in snapshot { running.control.loseLease() }
                }
            }
        }
    }

    private func maintenanceLoop() async {
        while !stopping {
            await maintain()
            // Short naps so a shutdown is noticed quickly.
            var slept = Duration.zero
            while !stopping && slept < options.maintenanceInterval {
                try? await Task.sleep(for: .milliseconds(200))
                slept += .milliseconds(200)
            }
        }
    }

    /// One maintenance pass: heartbeat, rescue, prune, cron, depth.
    public func maintain() async {
        do {
            let queues = options.queues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            try await store.noteWorker(options.workerID, queues: queues, startedAt: startedAt)
            let rescued = try await store.rescueExpiredLeases()
            if rescued > 0 {
                logger.notice("rescued jobs whose lease expired", metadata: ["count": "\(rescued)"])
                await ring(nil)
            }
            try await store.prune(retentionSeconds: options.retentionSeconds)
            try await store.applyRemovalOptions()
            for schedule in options.cron {
                if try await store.fireCronSlot(schedule) != nil { await ring(schedule.job.queue) }
            }
            for (queue, states) in try await store.depth() {
                for state in JobState.allCases {
                    Gauge(label: "jobs_depth", dimensions: [("queue", queue), ("state", state.rawValue)]).record(states[state] ?? 0)
                }
            }
        } catch {
            logger.warning("maintenance failed; will try again", metadata: ["error": "\(error)"])
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
