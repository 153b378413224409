import FluentKit
import Foundation
import JobQueue
import SQLKit
import TestSupport
import Testing

/// The queue's SQL on the engine of this run: every outcome, fencing, uniqueness, rescue, pruning, cron.
@Suite struct JobStoreTests {
    @Test func enqueueClaimComplete_inPriorityOrder_andFencingRejectsStaleAttempts() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let low = try await store.enqueue(NewJob(kind: "k", payload: #"{"n":1}"#, priority: 5))
            let high = try await store.enqueue(NewJob(kind: "k", payload: #"{"n":2}"#, priority: 1))
            _ = try await store.enqueue(NewJob(kind: "k", queue: "other"))
            _ = try await store.enqueue(NewJob(kind: "k", runAt: Date().timeIntervalSince1970 + 3_600))
            let claimed = try await store.claim(queue: "default", limit: 10, workerID: "w1", leaseSeconds: 30)
            #expect(claimed.map(\.id) == [high.id, low.id])
            #expect(claimed.allSatisfy { $0.state == .running && $0.attempt == 1 && $0.workerID == "w1" }, "\(claimed)")
            #expect(try await store.claim(queue: "default", limit: 10, workerID: "w2", leaseSeconds: 30).isEmpty)
            #expect(try await store.finish(claimed[0], outcome: .complete(result: #"{"ok":true}"#), backoff: { _ in 0 }) == .completed)
            var stale = claimed[0]
            stale.attempt = 0
            await #expect(throws: JobQueueError.leaseLost(jobID: stale.id, attempt: 0)) {
                _ = try await store.finish(stale, outcome: .complete(), backoff: { _ in 0 })
            }
            await #expect(throws: JobQueueError.leaseLost(jobID: claimed[0].id, attempt: 1)) {
                _ = try await store.finish(claimed[0], outcome: .fail(error: "late"), backoff: { _ in 0 })
            }
            let done = try #require(try await store.job(id: high.id))
            #expect(done.state == .completed && done.result == #"{"ok":true}"#)
        }
    }

    @Test func failRetriesWithBackoffUntilDead_thenRetryRevivesIt() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let id = try await store.enqueue(NewJob(kind: "k", maxAttempts: 2)).id
            var job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            #expect(try await store.finish(job, outcome: .fail(error: "boom 1"), backoff: { _ in 0 }) == .available)
            job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            #expect(job.attempt == 2 && job.lastError == "boom 1")
            #expect(try await store.finish(job, outcome: .fail(error: "boom 2"), backoff: { _ in 0 }) == .dead)
            let dead = try #require(try await store.job(id: id))
            #expect(dead.state == .dead && dead.lastError == "boom 2")
            try await store.retry(id: id)
            let revived = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            #expect(revived.id == id && revived.attempt == 1)
            await #expect(throws: JobQueueError.invalidState(jobID: id, state: .running, operation: "retried")) { try await store.retry(id: id) }
        }
    }

    @Test func snoozeKeepsTheAttempt_backoffDelaysTheRetry() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            _ = try await store.enqueue(NewJob(kind: "k"))
            let job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            let until = Date().timeIntervalSince1970 + 600
            _ = try await store.finish(job, outcome: .snooze(until: until), backoff: { _ in 0 })
            let snoozed = try #require(try await store.job(id: job.id))
            #expect(snoozed.state == .available && snoozed.attempt == 0 && abs(snoozed.runAt - until) < 0.001)
            #expect(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).isEmpty)
        }
    }

    @Test func uniqueKey_concurrentEnqueuesCreateOneJob_andAFinishedJobFreesTheKey() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let results = try await withThrowingTaskGroup(of: EnqueueResult.self) { group in
                for _ in 0..<20 { group.addTask { try await store.enqueue(NewJob(kind: "sync", uniqueKey: "sync:contacts")) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.id)).count == 1)
            #expect(results.filter { !$0.existing }.count == 1)
            let job = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 30).first)
            #expect(try await store.enqueue(NewJob(kind: "sync", uniqueKey: "sync:contacts")).existing)
            _ = try await store.finish(job, outcome: .complete(), backoff: { _ in 0 })
            let next = try await store.enqueue(NewJob(kind: "sync", uniqueKey: "sync:contacts"))
            #expect(!next.existing && next.id != job.id)
        }
    }

    @Test func enqueueInsideARolledBackTransaction_leavesNoJob() async throws {
        try await TestDatabase.withDatabase { database in
            struct Abort: Error {}
            _ = try? await database.transaction { transaction in
                _ = try await JobStore.enqueueBatch([NewJob(kind: "a"), NewJob(kind: "b"), NewJob(kind: "c", uniqueKey: "u")], on: transaction)
                throw Abort()
            }
            let store = try JobStore(database: database)
            #expect(try await store.list().isEmpty)
            let committed = try await database.transaction { transaction in
                try await JobStore.enqueueBatch((0..<1_200).map { NewJob(kind: "n\($0)") }, on: transaction)
            }
            #expect(committed.count == 1_200)
            #expect(try await store.depth()["default"]?[.available] == 1_200)
        }
    }

    @Test func cancelPendingAtOnce_runningOnRequest_progressIsReadable() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            let pending = try await store.enqueue(NewJob(kind: "k", queue: "q1"))
            #expect(try await store.cancel(id: pending.id) == .cancelled)
            let cancelled = try #require(try await store.job(id: pending.id))
            #expect(cancelled.state == .cancelled && cancelled.finishedAt != nil && !cancelled.cancelRequested)
            await #expect(throws: JobQueueError.invalidState(jobID: pending.id, state: .cancelled, operation: "cancelled")) {
                _ = try await store.cancel(id: pending.id)
            }
            _ = try await store.enqueue(NewJob(kind: "k", queue: "q2"))
            let job = try #require(try await store.claim(queue: "q2", limit: 1, workerID: "w", leaseSeconds: 30).first)
            try await store.reportProgress(job, #"{"done":3,"total":10}"#)
            #expect(try await store.job(id: job.id)?.progress == #"{"done":3,"total":10}"#)
            #expect(try await store.heartbeat(job, leaseSeconds: 30) == false)
            #expect(try await store.cancel(id: job.id) == .running)
            #expect(try await store.heartbeat(job, leaseSeconds: 30) == true)
            await #expect(throws: JobQueueError.notFound(jobID: 999_999)) { _ = try await store.cancel(id: 999_999) }
        }
    }

    @Test func expiredLeasesAreRescued_orDeadWhenOutOfAttempts_andOldJobsPruned() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(Date().timeIntervalSince1970)
            let store = try JobStore(database: database, now: { clock.now })
            let first = try await store.enqueue(NewJob(kind: "k", maxAttempts: 3))
            let last = try await store.enqueue(NewJob(kind: "k", maxAttempts: 1))
            let claimed = try await store.claim(queue: "default", limit: 2, workerID: "gone", leaseSeconds: 10)
            #expect(claimed.count == 2)
            clock.advance(11)
            #expect(try await store.rescueExpiredLeases() == 2)
            #expect(try await store.job(id: first.id)?.state == .available)
            #expect(try await store.job(id: last.id)?.state == .dead)
            let again = try #require(try await store.claim(queue: "default", limit: 1, workerID: "w", leaseSeconds: 10).first)
            #expect(again.attempt == 2)
            _ = try await store.finish(again, outcome: .complete(), backoff: { _ in 0 })
            clock.advance(100)
            #expect(try await store.prune(retentionSeconds: 50) == 1)
            #expect(try await store.job(id: first.id) == nil)
        }
    }

    @Test func cronSlotFiresOncePerSlot_evenWhenAskedRepeatedly() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(1_000_000)
            let store = try JobStore(database: database, now: { clock.now })
            let schedule = CronSchedule(name: "sync", everySeconds: 60, job: NewJob(kind: "sync"))
            let fired = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<8 { group.addTask { try await store.fireCronSlot(schedule) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(fired.compactMap { $0 }.count == 1)
            clock.advance(60)
            #expect(try await store.fireCronSlot(schedule) != nil)
            #expect(try await store.fireCronSlot(schedule) == nil)
            #expect(try await store.depth()["default"]?[.available] == 2)
        }
    }
}

@Suite struct CompletionBatchTests {
    @Test func completeBatch_completesOnlyAttemptsThatStillHoldTheirLease() async throws {
        try await TestDatabase.withDatabase { database in
            let store = try JobStore(database: database)
            _ = try await JobStore.enqueueBatch((0..<5).map { _ in NewJob(kind: "k") }, on: database)
            let claimed = try await store.claim(queue: "default", limit: 5, workerID: "w", leaseSeconds: 30)
            var stale = claimed[4]
            stale.attempt = 7
            let done = try await store.completeBatch(claimed.prefix(4).map { ($0, "\"ok\"") } + [(stale, nil)])
            #expect(done == Set(claimed.prefix(4).map(\.id)))
            #expect(try await store.job(id: claimed[0].id)?.result == "\"ok\"")
            #expect(try await store.job(id: claimed[4].id)?.state == .running)
            #expect(try await store.hasOpenJobs())
            _ = try await store.completeBatch([(claimed[4], nil)])
            #expect(try await store.hasOpenJobs() == false)
        }
    }

    @Test func heartbeatBatch_extendsHeldLeases_reportsCancellation_omitsLostOnes() async throws {
        try await TestDatabase.withDatabase { database in
            let clock = TestClock(Date().timeIntervalSince1970)
            let store = try JobStore(database: database, now: { clock.now })
            _ = try await JobStore.enqueueBatch((0..<3).map { _ in NewJob(kind: "k") }, on: database, now: clock.now)
            let claimed = try await store.claim(queue: "default", limit: 3, workerID: "w", leaseSeconds: 10)
            try #require(claimed.count == 3)
            #expect(try await store.cancel(id: claimed[1].id) == .running)
            var stale = claimed[2]
            stale.attempt = 9
            clock.advance(5)
            let held = try await store.heartbeatBatch([claimed[0], claimed[1], stale], leaseSeconds: 10)
            #expect(held == [claimed[0].id: false, claimed[1].id: true])
            clock.advance(7)
            #expect(try await store.rescueExpiredLeases() == 1, "only the job that missed its beat expires")
        }
    }
}
