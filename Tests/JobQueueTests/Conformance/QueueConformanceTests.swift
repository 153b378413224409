import Foundation
import JobQueue
import Synchronization
import TestSupport
import Testing

/// Every queue feature, the same on both backends: one suite, run against SQL (the run's engine) and against Redis
/// (BullMQ's layout on the run's redis-server). Times are the jobs' own; nothing here sleeps to wait.
@Suite struct QueueConformanceTests {
    @Test(arguments: BackendKind.available)
    func retriesFollowTheJobsAttemptsAndBackoff_andAJobOutOfAttemptsIsDead(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("flaky") { context in
                runs.note("flaky")
                return context.job.attempt < 3 ? .fail(error: "try again") : .complete(result: #"{"third":true}"#)
            }
            registry.register("doomed") { _ in .fail(error: "no such person") }
            let flaky = try await backend.add(
                NewJob(kind: "flaky", maxAttempts: 3, options: JobOptions(backoff: JobBackoff(.fixed, delayMilliseconds: 150))), jobId: nil,
                delay: 0)
            let doomed = try await backend.add(NewJob(kind: "doomed", maxAttempts: 2), jobId: nil, delay: 0)
            let worker = backend.startWorker(registry, concurrency: 2, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) {
                let states = [try await backend.job(flaky.reference)?.state, try await backend.job(doomed.reference)?.state]
                return states == [.completed, .dead]
            }
            await worker.stop()
            let completed = try #require(try await backend.job(flaky.reference))
            #expect(completed.attempt == 3 && completed.maxAttempts == 3 && completed.result == #"{"third":true}"#, "\(completed)")
            let times = runs.times("flaky")
            #expect(times.count == 3 && times[2] - times[0] >= 0.29, "two fixed backoffs of 150 ms: \(times)")
            let dead = try #require(try await backend.job(doomed.reference))
            #expect(dead.attempt == 2 && dead.lastError == "no such person" && dead.finishedAt != nil, "\(dead)")
        }
    }

    @Test(arguments: BackendKind.available)
    func delayedAndPrioritizedJobs_runInTheirOrder(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("step") { context in
                runs.note(context.payload)
                return .complete()
            }
            let added = Date().timeIntervalSince1970
            let delayed = try await backend.add(NewJob(kind: "step", payload: "\"delayed\""), jobId: nil, delay: 400)
            for priority in [10, 1, 5] {
                _ = try await backend.add(NewJob(kind: "step", payload: "\"p\(priority)\"", priority: priority), jobId: nil, delay: 0)
            }
            _ = try await backend.add(NewJob(kind: "step", payload: "\"plain\""), jobId: nil, delay: 0)
            #expect(try await backend.job(delayed.reference)?.state == .available)
            let worker = backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) { runs.names.count == 5 }
            await worker.stop()
            // Once due, the delayed job (no priority) may come before prioritized ones on a slow machine, as in BullMQ.
            #expect(runs.names.filter { $0 != "\"delayed\"" } == ["\"plain\"", "\"p1\"", "\"p5\"", "\"p10\""], "\(runs.names)")
            #expect(try #require(runs.times("\"delayed\"").first) - added >= 0.4, "not before its delay")
        }
    }

    @Test(arguments: BackendKind.available)
    func aJobIdAddsOnce_andProgressAndResultAreKept(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            var registry = JobRegistry()
            registry.register("report") { context in
                try await context.reportProgress(#"{"done":1,"total":2}"#)
                return .complete(result: #"{"total":2}"#)
            }
            let first = try await backend.add(NewJob(kind: "report", payload: "1"), jobId: "report-acme", delay: 0)
            let second = try await backend.add(NewJob(kind: "report", payload: "2"), jobId: "report-acme", delay: 0)
            #expect(!first.existing && second.existing && first.reference == second.reference)
            let worker = backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) { try await backend.job(first.reference)?.state == .completed }
            await worker.stop()
            let job = try #require(try await backend.job(first.reference))
            #expect(job.payload == "1" && job.progress == #"{"done":1,"total":2}"# && job.result == #"{"total":2}"#, "\(job)")
            #expect(job.options.jobKey == "report-acme")
        }
    }

    @Test(arguments: BackendKind.available)
    func theFailedSet_retriesWithFreshAttempts_andCancelStopsPendingAndRunningJobs(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let mended = Atomic<Bool>(false)
            var registry = JobRegistry()
            registry.register("mendable") { _ in mended.load(ordering: .relaxed) ? .complete() : .fail(error: "broken") }
            registry.register("forever") { _ in
                try await Task.sleep(for: .seconds(120))
                return .complete()
            }
            let mendable = try await backend.add(NewJob(kind: "mendable", maxAttempts: 1), jobId: nil, delay: 0)
            let later = try await backend.add(NewJob(kind: "mendable"), jobId: nil, delay: 120_000)
            let forever = try await backend.add(NewJob(kind: "forever"), jobId: nil, delay: 0)
            let worker = backend.startWorker(registry, concurrency: 2, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) {
                let states = [try await backend.job(mendable.reference)?.state, try await backend.job(forever.reference)?.state]
                return states == [.dead, .running]
            }
            try await backend.cancel(later.reference)
            #expect(try await backend.job(later.reference)?.state == .cancelled)
            try await backend.cancel(forever.reference)
            mended.store(true, ordering: .relaxed)
            try await backend.retry(mendable.reference)
            try await waitUntil(timeout: .seconds(30)) {
                let states = [try await backend.job(mendable.reference)?.state, try await backend.job(forever.reference)?.state]
                return states == [.completed, .cancelled]
            }
            #expect(try await backend.job(mendable.reference)?.attempt == 1, "a retried job starts a fresh set of attempts")
            await worker.stop()
            try await backend.retry(later.reference)
            #expect(try await backend.job(later.reference)?.state == .available, "a cancelled job can be retried")
        }
    }

    @Test(arguments: BackendKind.available)
    func aJobWhoseWorkerDied_isRecovered_andCompletesOnce(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("once") { _ in
                runs.note("once")
                return .complete()
            }
            let job = try await backend.add(NewJob(kind: "once", maxAttempts: 3), jobId: nil, delay: 0)
            #expect(try await backend.takeAndAbandon() == job.reference)
            #expect(try await backend.job(job.reference)?.state == .running)
            let worker = backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) { try await backend.job(job.reference)?.state == .completed }
            await worker.stop()
            #expect(runs.times("once").count == 1)
        }
    }

    @Test(arguments: BackendKind.available)
    func aSnoozeSpendsNoAttempt(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("sleepy") { _ in
                runs.note("sleepy")
                return runs.times("sleepy").count == 1 ? .snooze(until: Date().timeIntervalSince1970 + 0.2) : .complete()
            }
            let job = try await backend.add(NewJob(kind: "sleepy", maxAttempts: 1), jobId: nil, delay: 0)
            let worker = backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) { try await backend.job(job.reference)?.state == .completed }
            await worker.stop()
            let times = runs.times("sleepy")
            #expect(times.count == 2 && times[1] - times[0] >= 0.19, "\(times)")
            #expect(try await backend.job(job.reference)?.attempt == 1, "one attempt of one: the snooze spent none")
        }
    }

    @Test(arguments: BackendKind.available)
    func theQueueLimiter_holdsStartsAcrossWorkers(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("limited") { _ in
                runs.note("limited")
                return .complete()
            }
            let jobs = try await (0..<4).asyncMap { _ in try await backend.add(NewJob(kind: "limited"), jobId: nil, delay: 0).reference }
            let limiter = QueueLimiter(max: 1, durationMilliseconds: 1_000)
            let workers = [
                backend.startWorker(registry, concurrency: 2, limiter: limiter, cron: []),
                backend.startWorker(registry, concurrency: 2, limiter: limiter, cron: []),
            ]
            try await waitUntil(timeout: .seconds(30)) {
                try await jobs.asyncMap { try await backend.job($0)?.state }.allSatisfy { $0 == .completed }
            }
            for worker in workers { await worker.stop() }
            // One start per 1 s window: any four starts (a job run again after a lost lease included) cross at least
            // three window boundaries, 3 s, less the time between a window's grant and its handler's first line, which
            // on a busy machine has reached 0.3 s; without the limiter all four start within milliseconds.
            let times = runs.times("limited").sorted()
            #expect(times.count >= 4, "\(times)")
            for index in 0..<max(0, times.count - 3) { #expect(times[index + 3] - times[index] >= 2.0, "\(times)") }
        }
    }

    @Test(arguments: BackendKind.available)
    func aRepeatableJob_runsOncePerSlot_acrossWorkers(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let runs = RunLog()
            var registry = JobRegistry()
            registry.register("tick") { context in
                runs.note("slot-\(Int(context.job.createdAt))")
                return .complete()
            }
            let schedule = CronSchedule(name: "tick-\(backend.queue)", everySeconds: 1, job: NewJob(kind: "tick", queue: backend.queue))
            let workers = (0..<3).map { _ in backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [schedule]) }
            try await waitUntil(timeout: .seconds(30)) { runs.names.count >= 3 }
            for worker in workers { await worker.stop() }
            #expect(Set(runs.names).count == runs.names.count, "each slot once: \(runs.names)")
        }
    }

    @Test(arguments: BackendKind.available)
    func gracefulShutdown_letsTheRunningJobFinish(_ kind: BackendKind) async throws {
        try await kind.with { backend in
            let started = Atomic<Bool>(false)
            var registry = JobRegistry()
            registry.register("slow") { _ in
                started.store(true, ordering: .relaxed)
                try? await Task.sleep(for: .milliseconds(300))
                return .complete(result: "\"finished\"")
            }
            let job = try await backend.add(NewJob(kind: "slow"), jobId: nil, delay: 0)
            let worker = backend.startWorker(registry, concurrency: 1, limiter: nil, cron: [])
            try await waitUntil(timeout: .seconds(30)) { started.load(ordering: .relaxed) }
            await worker.stop()
            let finished = try #require(try await backend.job(job.reference))
            #expect(finished.state == .completed && finished.result == "\"finished\"", "\(finished)")
        }
    }
}

/// What handlers ran, in order, with when.
final class RunLog: Sendable {
    private let entries = Mutex<[(name: String, time: Double)]>([])

    func note(_ name: String) { entries.withLock { $0.append((name, Date().timeIntervalSince1970)) } }
    var names: [String] { entries.withLock { $0.map(\.name) } }
    func times(_ name: String) -> [Double] { entries.withLock { $0.filter { $0.name == name }.map(\.time) } }
}
