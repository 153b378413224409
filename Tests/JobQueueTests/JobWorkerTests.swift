import FluentKit
import Foundation
import JobQueue
import Synchronization
import TestSupport
import Testing

/// The worker in process, on the engine of this run.
@Suite struct JobWorkerTests {
    private func options(_ queues: [String: Int]) -> WorkerOptions {
        var options = WorkerOptions(queues: queues)
        options.pollInterval = .milliseconds(50)
        options.maintenanceInterval = .milliseconds(100)
        options.heartbeatSeconds = 0.1
        options.leaseSeconds = 2
        options.backoffBaseSeconds = 0.01
        return options
    }

    @Test func worker_drainsEveryJobWithinItsConcurrency_retriesFailures_snoozes() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let tracker = ConcurrencyTracker()
            var registry = JobRegistry()
            registry.register("track") { _ in
                tracker.enter()
                try await Task.sleep(for: .milliseconds(20))
                tracker.leave()
                return .complete()
            }
            registry.register("flaky") { context in context.job.attempt < 3 ? .fail(error: "try again") : .complete(result: "\"third time\"") }
            let sleepyRuns = ConcurrencyTracker()
            registry.register("sleepy") { _ in
                sleepyRuns.enter()
                return sleepyRuns.maximum == 1 ? .snooze(until: Date().timeIntervalSince1970 + 0.2) : .complete()
            }
            _ = try await JobStore.enqueueBatch((0..<30).map { _ in NewJob(kind: "track") }, on: database)
            let flaky = try await store.enqueue(NewJob(kind: "flaky"))
            let sleepy = try await store.enqueue(NewJob(kind: "sleepy"))
            let worker = JobWorker(store: store, registry: registry, options: options(["default": 3]))
            let running = Task { await worker.run() }
            try await waitUntil(timeout: .seconds(90)) { (try await store.depth()["default"]?[.completed] ?? 0) == 32 }
            await worker.shutdown()
            await running.value
            #expect(tracker.maximum <= 3 && tracker.maximum >= 2)
            let flakyJob = try #require(try await store.job(id: flaky.id))
            #expect(flakyJob.state == .completed && flakyJob.attempt == 3 && flakyJob.result == "\"third time\"")
            #expect(try await store.job(id: sleepy.id)?.attempt == 1, "a snooze must not spend an attempt")
            #expect(sleepyRuns.maximum == 2)
        }
    }

    @Test func cancelRunningJob_stopsTheHandler_unknownKindFails() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            var registry = JobRegistry()
            registry.register("forever") { _ in
                try await Task.sleep(for: .seconds(60))
                return .complete()
            }
            let job = try await store.enqueue(NewJob(kind: "forever"))
            let unknown = try await store.enqueue(NewJob(kind: "nobody-handles-this", maxAttempts: 1))
            // A lease far longer than the test: on a loaded machine a lapsed lease would make the job available
            // again before the cancel, which then cancels it outright instead of asking its worker.
            var patient = options(["default": 2])
            patient.leaseSeconds = 60
            let worker = JobWorker(store: store, registry: registry, options: patient)
            let running = Task { await worker.run() }
            try await waitUntil { try await store.job(id: job.id)?.state == .running }
            #expect(try await store.cancel(id: job.id) == .running)
            try await waitUntil { try await store.job(id: job.id)?.state == .cancelled }
            try await waitUntil { try await store.job(id: unknown.id)?.state == .dead }
            #expect(try await store.job(id: unknown.id)?.lastError == "no handler is registered for job kind nobody-handles-this")
            await worker.shutdown()
            await running.value
        }
    }

    @Test func gracefulShutdown_finishesRunningJobs_orReleasesThemWithoutSpendingAnAttempt() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            var registry = JobRegistry()
            registry.register("slow") { context in
                let milliseconds = Int(context.payload) ?? 0
                try await Task.sleep(for: .milliseconds(milliseconds))
                return .complete()
            }
            let quick = try await store.enqueue(NewJob(kind: "slow", payload: "300"))
            // Leases far longer than the test: a loaded machine must not turn a shutdown into a lost lease.
            var patient = options(["default": 1])
            patient.leaseSeconds = 60
            patient.shutdownTimeout = .seconds(5)
            let first = JobWorker(store: store, registry: registry, options: patient)
            var running = Task { await first.run() }
            try await waitUntil { try await store.job(id: quick.id)?.state == .running }
            await first.shutdown()
            await running.value
            #expect(try await store.job(id: quick.id)?.state == .completed)

            let long = try await store.enqueue(NewJob(kind: "slow", payload: "30000"))
            var hasty = options(["default": 1])
            hasty.leaseSeconds = 60
            hasty.shutdownTimeout = .milliseconds(200)
            let second = JobWorker(store: store, registry: registry, options: hasty)
            running = Task { await second.run() }
            try await waitUntil { try await store.job(id: long.id)?.state == .running }
            await second.shutdown()
            await running.value
            let released = try #require(try await store.job(id: long.id))
            #expect(released.state == .available && released.attempt == 0 && released.workerID == nil)
        }
    }
}

/// Polls `condition` every 20 ms for up to `timeout`, then fails the test.

/// Counts how many handlers run at once.
final class ConcurrencyTracker: Sendable {
    private let state = Mutex((current: 0, maximum: 0))

    func enter() {
        state.withLock {
            $0.current += 1
            $0.maximum = max($0.maximum, $0.current)
        }
    }
    func leave() { state.withLock { $0.current -= 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
}
