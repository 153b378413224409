import Foundation
import Metrics
import Synchronization

extension RedisJobWorker {
    /// Runs one job under its lock, renewed at half the lock's duration; an operator's cancel, seen at a renewal,
    /// cancels the handler and ends the job as cancelled.
    func process(_ job: BullMQJob, in queue: BullMQQueue) async {
        let claimLatency = max(0, Date().timeIntervalSince1970 - job.timestamp - Double(job.delayMilliseconds) / 1_000)
        Metrics.Timer(label: "jobs_claim_latency_seconds", dimensions: [("queue", queue.name)]).recordSeconds(claimLatency)
        let cancelled = Atomic<Bool>(false)
        let context = JobContext(
            job: job.record(queue: queue.name), redisProgress: { json in try await queue.updateProgress(id: job.id, json: json) },
            database: database)
        let handler = registry.handler(for: job.name)
        let work = Task { () -> JobOutcome in
            guard let handler else { return .discard(reason: "no handler for job name '\(job.name)' on this worker") }
            do { return try await handler(context) } catch { return .fail(error: Self.describe(error)) }
        }
        let renewal = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(lockMilliseconds / 2))
                switch try await queue.extendLock(job, milliseconds: lockMilliseconds) {
                case .kept: continue
                case .cancelRequested:
                    cancelled.store(true, ordering: .relaxed)
                    work.cancel()
                case .lost: return
                }
            }
        }
        let started = ContinuousClock.now
        // Shutdown does not cut a handler short: it finishes, and its outcome is recorded.
        var outcome = await work.value
        renewal.cancel()
        if cancelled.load(ordering: .relaxed) { outcome = .cancel(reason: "cancelled by an operator") }
        Metrics.Timer(label: "jobs_run_seconds", dimensions: [("kind", job.name)]).recordSeconds((ContinuousClock.now - started).seconds)
        do {
            let state = try await record(outcome, of: job, in: queue)
            Counter(label: "jobs_finished_total", dimensions: [("kind", job.name), ("state", state.rawValue)]).increment()
        } catch {
            logger.warning("could not record a job's outcome", metadata: ["queue": "\(queue.name)", "job": "\(job.id)", "error": "\(error)"])
        }
    }

    private func record(_ outcome: JobOutcome, of job: BullMQJob, in queue: BullMQQueue) async throws -> JobState {
        switch outcome {
        case .complete(let result):
            try await queue.complete(job, returnValue: result ?? "null")
            return .completed
        case .recorded:
            try await queue.complete(job, returnValue: "null")
            return .completed
        case .snooze(let until):
            try await queue.retry(
                job, reason: "", delayMilliseconds: max(1, Int64((until - Date().timeIntervalSince1970) * 1_000)), spendsAttempt: false)
            return .available
        case .cancel(let reason):
            try await queue.failFinally(job, reason: reason, cancelled: true)
            return .cancelled
        case .discard(let reason):
            try await queue.failFinally(job, reason: reason)
            return .dead
        case .fail(let error):
            guard job.attemptsMade + 1 < job.attempts else {
                try await queue.failFinally(job, reason: error)
                return .dead
            }
            let delay = job.backoff.map { Int64($0.seconds(afterAttempt: job.attemptsMade + 1) * 1_000) } ?? 0
            try await queue.retry(job, reason: error, delayMilliseconds: delay)
            return .available
        }
    }

    /// Every few seconds: puts back jobs whose worker died (their lock expired), fires due repeatable slots of this
    /// queue, and reports the queue's depth.
    func maintain(_ queue: BullMQQueue) async {
        let schedules = cron.filter { $0.job.queue == queue.name }
        while !Task.isCancelled {
            do {
                let moved = try await queue.recoverStalled()
                if !moved.isEmpty {
                    logger.notice("put back jobs whose worker stopped", metadata: ["queue": "\(queue.name)", "jobs": "\(moved.count)"])
                }
                for schedule in schedules { _ = try await queue.fireSlot(schedule) }
                for (state, count) in try await queue.depth() {
                    Gauge(label: "jobs_depth", dimensions: [("queue", queue.name), ("state", state.rawValue)]).record(count)
                }
            } catch {
                logger.warning("redis queue maintenance failed; will try again", metadata: ["queue": "\(queue.name)", "error": "\(error)"])
            }
            try? await Task.sleep(for: .milliseconds(max(1_000, lockMilliseconds / 2)))
        }
    }
}
