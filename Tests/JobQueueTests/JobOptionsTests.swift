import FluentKit
import Foundation
import SQLKit
import TestSupport
import Testing

@testable import JobQueue

/// BullMQ's job options on the engine of this run: backoff, jobId, removeOnComplete/removeOnFail, the queue limiter.
@Suite struct JobOptionsTests {
    @Test func backoff_fixedAndExponential_setTheRetryTime() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(1_000_000)
            let store = try JobStore(database: database, now: { clock.now })
            let exponential = JobOptions(backoff: JobBackoff(.exponential, delayMilliseconds: 5_000))
            let id = try await store.enqueue(NewJob(kind: "k", maxAttempts: 3, options: exponential)).id
            _ = try await store.enqueue(
                NewJob(kind: "k", queue: "fixed", maxAttempts: 3, options: JobOptions(backoff: JobBackoff(.fixed, delayMilliseconds: 700))))
            var expected: [Double] = []
            for _ in 0..<2 {
                let job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
                #expect(job.id == id && job.options.backoff == exponential.backoff)
                #expect(try await store.finish(job, outcome: .fail(error: "no"), backoff: { _ in 999 }) == .available)
                let retried = try #require(try await store.job(id: id))
                expected.append(retried.runAt - clock.now)
                clock.advance(retried.runAt - clock.now)
            }
            #expect(expected == [5, 10])
            let fixed = try #require(try await store.claim(queue: "fixed", limit: 1, workerID: "w", leaseSeconds: 30).first)
            _ = try await store.finish(fixed, outcome: .fail(error: "no"), backoff: { _ in 999 })
            #expect(try await store.job(id: fixed.id)?.runAt == clock.now + 0.7)
        }
    }

    @Test func jobKey_aSecondAddIsTheSameJob_evenAfterItFinished() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let keyed = NewJob(kind: "k", options: JobOptions(jobKey: "import-42"))
            let first = try await store.enqueue(keyed)
            #expect(try await store.enqueue(keyed) == EnqueueResult(id: first.id, existing: true))
            let job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            _ = try await store.finish(job, outcome: .complete(), backoff: { _ in 0 })
            let batch = try await JobStore.enqueueBatch([keyed, NewJob(kind: "k")], on: database)
            #expect(batch.first == EnqueueResult(id: first.id, existing: true))
            #expect(try await store.job(id: first.id)?.options.jobKey == "import-42")
        }
    }

    @Test func removal_keepsTheNewestCount_dropsThoseTooOld_andTrueRemovesAtOnce() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(1_000_000)
            let store = try JobStore(database: database, now: { clock.now })
            func finishOne(queue: String, _ options: JobOptions, outcome: JobOutcome = .complete()) async throws -> Int64 {
                let id = try await store.enqueue(NewJob(kind: "k", queue: queue, maxAttempts: 1, options: options)).id
                let job = try #require(try await store.claim(queue: queue, limit: 1, workerID: "w", leaseSeconds: 30).first)
                _ = try await store.finish(job, outcome: outcome, backoff: { _ in 0 })
                clock.advance(1)
                return id
            }
            let plain = try await finishOne(queue: "count", JobOptions())
            var kept: [Int64] = []
            for _ in 0..<3 { kept.append(try await finishOne(queue: "count", JobOptions(removeOnComplete: JobRemoval(count: 2)))) }
            let aged = try await finishOne(queue: "age", JobOptions(removeOnComplete: JobRemoval(ageSeconds: 60)))
            let gone = try await finishOne(queue: "now", JobOptions(removeOnComplete: .immediately))
            let failed = try await finishOne(queue: "fail", JobOptions(removeOnFail: .immediately), outcome: .fail(error: "x"))
            #expect(try await store.applyRemovalOptions() == 3, "the oldest of three kept-two, the at-once and the failed one")
            for id in [kept[0], gone, failed] { #expect(try await store.job(id: id) == nil) }
            for id in [kept[1], kept[2], plain, aged] { #expect(try await store.job(id: id) != nil) }
            clock.advance(60)
            #expect(try await store.applyRemovalOptions() == 1)
            #expect(try await store.job(id: aged) == nil)
        }
    }

    @Test func limiter_sharedWindowGrantsAtMostMaxPerDuration_andTakesBackWhatWasNotUsed() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(1_000_000)
            let store = try JobStore(database: database, now: { clock.now })
            let other = try JobStore(database: database, now: { clock.now })
            let limiter = QueueLimiter(max: 3, durationMilliseconds: 10_000)
            #expect(try await store.takeStarts(queue: "q", wanted: 2, limiter: limiter).granted == 2)
            let second = try await other.takeStarts(queue: "q", wanted: 5, limiter: limiter)
            #expect(second.granted == 1, "a second worker draws from the same window")
            #expect(try await store.takeStarts(queue: "q", wanted: 1, limiter: limiter).granted == 0)
            try await other.returnStarts(queue: "q", count: 1, windowStart: second.windowStart)
            #expect(try await store.takeStarts(queue: "q", wanted: 4, limiter: limiter).granted == 1)
            clock.advance(10)
            let fresh = try await store.takeStarts(queue: "q", wanted: 4, limiter: limiter)
            #expect(fresh.granted == 3 && fresh.windowEnds == clock.now + 10)
        }
    }

    @Test func limitedWorker_startsNoMoreThanTheLimit_andLeavesTheRestAvailable() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            var registry = JobRegistry()
            registry.register("k") { _ in .complete() }
            _ = try await JobStore.enqueueBatch((0..<5).map { _ in NewJob(kind: "k", queue: "limited") }, on: database)
            var options = WorkerOptions(queues: ["limited": 5])
            options.pollInterval = .milliseconds(50)
            options.limiters = ["limited": QueueLimiter(max: 2, durationMilliseconds: 3_600_000)]
            let worker = JobWorker(store: store, registry: registry, options: options)
            let running = Task { await worker.run() }
            try await waitUntil { (try await store.depth()["limited"]?[.completed] ?? 0) == 2 }
            await worker.shutdown()
            await running.value
            let depth = try await store.depth()["limited"] ?? [:]
            #expect(depth[.completed] == 2 && depth[.available] == 3, "\(depth)")
        }
    }
}
