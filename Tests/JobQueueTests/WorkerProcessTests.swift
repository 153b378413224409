import FluentKit
import Foundation
import JobQueue
import ProspectorData
import SQLKit
import TestSupport
import Testing

/// Real worker processes (the probe executable): crashes, cron across processes, SIGTERM, server restarts.
@Suite(.serialized) struct WorkerProcessTests {
    private func url(_ target: DatabaseTarget) -> String {
        switch target {
        case .sqlite(let path): path
        case .postgres(let url): url
        }
    }

    private func startWorker(_ target: DatabaseTarget, name: String, extra: [String] = []) async throws -> ProspectorProcess {
        let process = try ProspectorProcess(
            executable: "jobqueue-probe",
            arguments: [
                "work", "--database", url(target), "--name", name, "--lease", "1", "--heartbeat", "0.25",
                "--poll-ms", "100", "--maintenance-ms", "100",
            ] + extra,
            directory: FileManager.default.temporaryDirectory)
        let ready = try await process.waitForLine(startingWith: "READY", timeout: .seconds(30))
        #expect(ready != nil, "worker \(name) did not start: \(process.standardError)")
        return process
    }

    private func completions(_ database: any Database, kind: String) async throws -> [(jobID: Int64, attempt: Int, worker: String)] {
        try await (database as! any SQLDatabase).raw("SELECT job_id, attempt, worker FROM probe_completions WHERE kind = \(bind: kind)").all().map {
            (
                try $0.decode(column: "job_id", as: Int64.self), try $0.decode(column: "attempt", as: Int.self),
                try $0.decode(column: "worker", as: String.self)
            )
        }
    }

    @Test func killedWorker_jobRunsAgainAfterTheLease_andTheLateWriteIsRejected() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let store = try JobStore(database: database)
                try await createCompletions(database)
                // The first attempt sleeps a minute: on a loaded machine the test may see the claim seconds late, and a
                // short job would already be done by the worker about to be killed.
                let job = try await store.enqueue(
                    NewJob(kind: "probe.work", payload: #"{"sleep_ms": 1000, "first_attempt_sleep_ms": 60000}"#, maxAttempts: 5))
                let doomed = try await startWorker(target, name: "doomed")
                try await waitUntil { try await store.job(id: job.id)?.workerID == "doomed" }
                let firstAttempt = try #require(try await store.job(id: job.id))
                #expect(firstAttempt.state == .running && firstAttempt.attempt == 1)
                try await doomed.kill()
                let survivor = try await startWorker(target, name: "survivor")
                try await waitUntil(timeout: .seconds(30)) { try await store.job(id: job.id)?.state == .completed }
                try await survivor.stop()
                let rows = try await completions(database, kind: "probe.work")
                #expect(rows.count == 1)
                #expect(rows.first?.worker == "survivor" && rows.first?.attempt == 2)
                await #expect(throws: JobQueueError.leaseLost(jobID: job.id, attempt: 1)) {
                    _ = try await store.finish(firstAttempt, outcome: .complete(result: "late"), backoff: { _ in 0 })
                }
                #expect(try await store.job(id: job.id)?.result == nil)
            }
        }
    }

    @Test func sigterm_finishesRunningJobsBeforeExiting() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                let store = try JobStore(database: database)
                try await createCompletions(database)
                _ = try await JobStore.enqueueBatch((0..<4).map { _ in NewJob(kind: "probe.work", payload: #"{"sleep_ms": 800}"#) }, on: database)
                let worker = try await startWorker(target, name: "polite", extra: ["--queues", "default=4", "--shutdown-ms", "10000"])
                try await waitUntil { (try await store.depth()["default"]?[.running] ?? 0) == 4 }
                try await worker.stop()
                #expect(worker.standardOutput.contains("STOPPED polite"))
                #expect(try await store.depth()["default"]?[.completed] == 4)
                #expect(try await completions(database, kind: "probe.work").count == 4)
            }
        }
    }

    @Test(.enabled(if: TestDatabase.engine == "sqlite"))
    func sqlite_refusesASecondWorkerProcess() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { _ in
                let first = try await startWorker(target, name: "first")
                let second = try ProspectorProcess(
                    executable: "jobqueue-probe", arguments: ["work", "--database", url(target)], directory: FileManager.default.temporaryDirectory)
                #expect(try await second.waitForExit() == 75)
                #expect(second.standardError.contains("another process already runs a worker on this SQLite database"))
                try await first.stop()
            }
        }
    }

    @Test(.enabled(if: TestDatabase.engine == "postgresql"))
    func cron_withTwoWorkerProcesses_firesEachSlotOnce() async throws {
        try await TestDatabase.withTarget { target in
            try await TestDatabase.withMigrated(target) { database in
                try await createCompletions(database)
                let cron = ["--cron-every", "1"]
                let one = try await startWorker(target, name: "one", extra: cron)
                let two = try await startWorker(target, name: "two", extra: cron)
                let sql = database as! any SQLDatabase
                // Slots are a second of wall time each: wait for three, however slowly the workers started.
                try await waitUntil(timeout: .seconds(60)) {
                    try await sql.raw("SELECT COUNT(*) AS n FROM job_cron_slots WHERE name = 'probe'").first()?.decode(column: "n", as: Int.self) ?? 0
                        >= 3
                }
                try await one.stop()
                try await two.stop()
                let slots = try await sql.raw("SELECT slot, job_id FROM job_cron_slots WHERE name = 'probe'").all()
                let jobs = try await sql.raw("SELECT id FROM jobs WHERE kind = 'probe.cron'").all()
                #expect(slots.count >= 3)
                #expect(jobs.count == slots.count)
                let ran = try await completions(database, kind: "probe.cron")
                #expect(Set(ran.map(\.jobID)).count == ran.count, "a cron job ran twice")
                #expect(ran.count >= slots.count - 1)
            }
        }
    }

    // Caught a real defect: statements written to a connection the server had just closed never completed, and
    // Fluent's transaction kept that pooled connection forever (see `Database.safeTransaction`).
    @Test(.enabled(if: TestDatabase.engine == "postgresql"))
    func postgresRestartedWhileABatchDrains_everyJobCompletesExactlyOnce() async throws {
        let cluster = try ThrowawayCluster.start()
        defer { cluster.destroy() }
        let target = DatabaseTarget.postgres(url: cluster.url)
        let count = 2_000
        try await TestDatabase.withMigrated(target) { database in
            try await createCompletions(database)
            _ = try await database.transaction {
                try await JobStore.enqueueBatch((0..<count).map { _ in NewJob(kind: "probe.work", payload: #"{"sleep_ms": 2}"#) }, on: $0)
            }
        }
        let workers = [
            try await startWorker(target, name: "a", extra: ["--queues", "default=8"]),
            try await startWorker(target, name: "b", extra: ["--queues", "default=8"]),
        ]
        try await Task.sleep(for: .milliseconds(400))
        try cluster.restart()
        try await TestDatabase.withExisting(target) { database in
            let store = try JobStore(database: database)
            do {
                try await waitUntil(timeout: .seconds(180)) { (try? await store.depth()["default"]?[.completed]) == count }
            } catch {
                let depth = try? await store.depth()
                Issue.record(
                    "depth \(String(describing: depth)); worker a: \(workers[0].standardError.suffix(3_000)); worker b: \(workers[1].standardError.suffix(3_000))"
                )
                throw error
            }
            for worker in workers { try await worker.stop() }
            let rows = try await completions(database, kind: "probe.work")
            #expect(rows.count == count)
            #expect(Set(rows.map(\.jobID)).count == count)
        }
    }
}

private func createCompletions(_ database: any Database) async throws {
    try await (database as! any SQLDatabase).raw(
        """
        CREATE TABLE IF NOT EXISTS probe_completions (job_id BIGINT NOT NULL, attempt INTEGER NOT NULL, worker TEXT NOT NULL, kind TEXT NOT NULL)
        """
    ).run()
}
