import FluentKit
import Foundation
import PostgresNIO
import SQLKit

/// Every SQL statement of the queue. Each is one short statement (or one short transaction): no transaction is
/// ever held across a handler's work.
public struct JobStore: Sendable {
    /// The PostgreSQL channel enqueues notify, with the queue name as payload.
    public static let notifyChannel = "prospector_jobs"
    static let columns = """
        id, queue, kind, payload, state, priority, run_at, attempt, max_attempts, unique_key, worker_id, lease_expires_at, \
        cancel_requested, progress, result, last_error, created_at, updated_at, finished_at, backoff_kind, backoff_delay_ms, job_key, \
        remove_on_complete_count, remove_on_complete_age, remove_on_fail_count, remove_on_fail_age
        """

    public let database: any Database
    public let dialect: QueueDialect
    let now: @Sendable () -> Double

    public init(database: any Database, now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) throws {
        guard let sql = database as? any SQLDatabase else { throw JobQueueError.unsupportedDatabase("\(type(of: database))") }
        self.database = database
        self.dialect = try QueueDialect(sql)
        self.now = now
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// Reads a row column by column: decoding through `Codable` with key conversion cost more CPU than the
    /// queue's own work (measured with the drain benchmark).
    static func decode(_ row: any SQLRow) throws -> JobRecord {
        func column<T: Decodable>(_ name: String, _ type: T.Type = T.self) throws -> T { try row.decode(column: name, as: T.self) }
        guard let state = JobState(rawValue: try column("state", String.self)) else {
            throw JobQueueError.invalidState(jobID: try column("id"), state: .dead, operation: "read (unknown state)")
        }
        return JobRecord(
            id: try column("id"), queue: try column("queue"), kind: try column("kind"), payload: try column("payload"), state: state,
            priority: try column("priority"), runAt: try column("run_at"), attempt: try column("attempt"),
            maxAttempts: try column("max_attempts"), uniqueKey: try column("unique_key"), workerID: try column("worker_id"),
            leaseExpiresAt: try column("lease_expires_at"), cancelRequested: try column("cancel_requested"),
            progress: try column("progress"), result: try column("result"), lastError: try column("last_error"),
            createdAt: try column("created_at"), updatedAt: try column("updated_at"), finishedAt: try column("finished_at"),
            options: JobOptions(
                backoff: try backoff(kind: column("backoff_kind"), delay: column("backoff_delay_ms")), jobKey: try column("job_key"),
                removeOnComplete: removal(count: try column("remove_on_complete_count"), age: try column("remove_on_complete_age")),
                removeOnFail: removal(count: try column("remove_on_fail_count"), age: try column("remove_on_fail_age"))))
    }

    static func backoff(kind: String?, delay: Int?) -> JobBackoff? {
        guard let kind = kind.flatMap(JobBackoff.Kind.init(rawValue:)) else { return nil }
        return JobBackoff(kind, delayMilliseconds: delay ?? 0)
    }

    private static func removal(count: Int?, age: Double?) -> JobRemoval? {
        count == nil && age == nil ? nil : JobRemoval(count: count, ageSeconds: age)
    }

    /// The insert's column list and one job's values, shared by single and batch enqueues.
    static let insertColumns = """
        queue, kind, payload, state, priority, run_at, attempt, max_attempts, unique_key, cancel_requested, created_at, updated_at, \
        backoff_kind, backoff_delay_ms, job_key, remove_on_complete_count, remove_on_complete_age, remove_on_fail_count, remove_on_fail_age
        """

    static func insertValues(_ job: NewJob, now: Double) -> SQLQueryString {
        let options = job.options
        return """
            (\(bind: job.queue), \(bind: job.kind), \(bind: job.payload), 'available', \(bind: job.priority), \(bind: job.runAt ?? now), \
            0, \(bind: job.maxAttempts), \(bind: job.uniqueKey), \(bind: false), \(bind: now), \(bind: now), \
            \(bind: options.backoff?.kind.rawValue), \(bind: options.backoff?.delayMilliseconds), \(bind: options.jobKey), \
            \(bind: options.removeOnComplete?.count), \(bind: options.removeOnComplete?.ageSeconds), \
            \(bind: options.removeOnFail?.count), \(bind: options.removeOnFail?.ageSeconds))
            """
    }

    // MARK: Enqueue

    /// Enqueues on `database`, which may be the caller's transaction: the job exists exactly when that commits.
    public static func enqueue(_ job: NewJob, on database: any Database, now: Double = Date().timeIntervalSince1970) async throws -> EnqueueResult {
        guard let sql = database as? any SQLDatabase else { throw JobQueueError.unsupportedDatabase("\(type(of: database))") }
        let dialect = try QueueDialect(sql)
        for _ in 0..<3 {
            var insert = SQLQueryString("INSERT INTO jobs (\(unsafeRaw: insertColumns)) VALUES ")
            insert.appendInterpolation(insertValues(job, now: now))
            // No conflict target: a live job with the unique key and a kept job with the same job id both answer.
            insert.appendInterpolation(unsafeRaw: " ON CONFLICT DO NOTHING RETURNING id")
            if let inserted = try await sql.raw(insert).first() {
                if dialect.notifies { try await sql.raw("SELECT pg_notify(\(bind: notifyChannel), \(bind: job.queue))").run() }
                return EnqueueResult(id: try inserted.decode(column: "id", as: Int64.self), existing: false)
            }
            if let key = job.options.jobKey, let existing = try await sql.raw("SELECT id FROM jobs WHERE job_key = \(bind: key)").first() {
                return EnqueueResult(id: try existing.decode(column: "id", as: Int64.self), existing: true)
            }
            if let existing = try await sql.raw(
                """
                SELECT id FROM jobs WHERE unique_key = \(bind: job.uniqueKey) AND state IN ('available', 'running') LIMIT 1
                """
            ).first() {
                return EnqueueResult(id: try existing.decode(column: "id", as: Int64.self), existing: true)
            }
            // The live job finished between the two statements: insert again.
        }
        throw JobQueueError.invalidState(jobID: 0, state: .running, operation: "enqueued (unique key kept changing hands)")
    }

    /// Enqueues many jobs on `database` (the caller's transaction, if any); jobs without a unique key go in multi-row inserts.
    public static func enqueueBatch(_ jobs: [NewJob], on database: any Database, now: Double = Date().timeIntervalSince1970) async throws
        -> [EnqueueResult]
    {
        guard let sql = database as? any SQLDatabase else { throw JobQueueError.unsupportedDatabase("\(type(of: database))") }
        let dialect = try QueueDialect(sql)
        var results: [EnqueueResult] = []
        var plain: [NewJob] = []
        for job in jobs {
            if job.uniqueKey == nil && job.options.jobKey == nil {
                plain.append(job)
            } else {
                results.append(try await enqueue(job, on: database, now: now))
            }
        }
        for chunk in stride(from: 0, to: plain.count, by: 500).map({ Array(plain[$0..<min($0 + 500, plain.count)]) }) {
            var query = SQLQueryString("INSERT INTO jobs (\(unsafeRaw: insertColumns)) VALUES")
            for (index, job) in chunk.enumerated() {
                query.appendInterpolation(unsafeRaw: index == 0 ? " " : ", ")
                query.appendInterpolation(insertValues(job, now: now))
            }
            query.appendInterpolation(unsafeRaw: " RETURNING id")
            for row in try await sql.raw(query).all() {
                results.append(EnqueueResult(id: try row.decode(column: "id", as: Int64.self), existing: false))
            }
        }
        if dialect.notifies {
            for queue in Set(jobs.map(\.queue)) { try await sql.raw("SELECT pg_notify(\(bind: notifyChannel), \(bind: queue))").run() }
        }
        return results
    }

    public func enqueue(_ job: NewJob) async throws -> EnqueueResult { try await Self.enqueue(job, on: database, now: now()) }

    // MARK: Claim and lease

    /// Claims up to `limit` due jobs of a queue for `workerID`, each with a lease of `leaseSeconds`.
    public func claim(queue: String, limit: Int, workerID: String, leaseSeconds: Double) async throws -> [JobRecord] {
        guard limit > 0 else { return [] }
        let time = now()
        if let postgres = database as? any PostgresDatabase {
            return try await PostgresClaim.claim(postgres, queue: queue, limit: limit, workerID: workerID, time: time, leaseSeconds: leaseSeconds)
        }
        return try await sql.raw(
            """
            UPDATE jobs SET state = 'running', attempt = attempt + 1, worker_id = \(bind: workerID),
                lease_expires_at = \(bind: time + leaseSeconds), updated_at = \(bind: time)
            WHERE id IN (
                SELECT id FROM jobs WHERE state = 'available' AND queue = \(bind: queue) AND run_at <= \(bind: time)
                ORDER BY priority, run_at, id LIMIT \(bind: limit)\(unsafeRaw: dialect.claimLock))
            RETURNING \(unsafeRaw: Self.columns)
            """
        ).all().map(Self.decode).sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }

    /// Extends a lease. Returns whether cancellation was requested; throws ``JobQueueError/leaseLost(jobID:attempt:)``.
    public func heartbeat(_ job: JobRecord, leaseSeconds: Double) async throws -> Bool {
        let time = now()
        let row = try await sql.raw(
            """
            UPDATE jobs SET lease_expires_at = \(bind: time + leaseSeconds), updated_at = \(bind: time)
            WHERE id = \(bind: job.id) AND attempt = \(bind: job.attempt) AND state = 'running'
            RETURNING cancel_requested
            """
        ).first()
        guard let row else { throw JobQueueError.leaseLost(jobID: job.id, attempt: job.attempt) }
        return try row.decode(column: "cancel_requested", as: Bool.self)
    }

    /// Stores progress (small JSON text) readers can poll.
    public func reportProgress(_ job: JobRecord, _ progress: String) async throws {
        try await fenced(job, "progress = \(bind: progress)")
    }

    // MARK: Outcomes (all fenced by the attempt number)

    /// Records a handler's outcome. A failure is retried after the job's own backoff, else after `backoff` gives for the
    /// attempt number.
    public func finish(_ job: JobRecord, outcome: JobOutcome, backoff: (Int) -> Double) async throws -> JobState {
        let time = now()
        switch outcome {
        case .complete(let result):
            try await fenced(
                job, "state = 'completed', result = \(bind: result), finished_at = \(bind: time), worker_id = NULL, lease_expires_at = NULL")
            return .completed
        case .fail(let error) where job.attempt >= job.maxAttempts, .discard(let error):
            try await fenced(
                job, "state = 'dead', last_error = \(bind: error), finished_at = \(bind: time), worker_id = NULL, lease_expires_at = NULL")
            return .dead
        case .fail(let error):
            let retryDelay = job.options.backoff?.seconds(afterAttempt: job.attempt) ?? backoff(job.attempt)
            try await fenced(
                job,
                """
                state = 'available', last_error = \(bind: error), run_at = \(bind: time + retryDelay), worker_id = NULL, lease_expires_at = NULL
                """)
            return .available
        case .snooze(let until):
            try await fenced(
                job,
                """
                state = 'available', attempt = attempt - 1, run_at = \(bind: max(until, time)), worker_id = NULL, lease_expires_at = NULL
                """)
            return .available
        case .recorded:
            return .completed
        case .cancel(let reason):
            try await fenced(
                job, "state = 'cancelled', last_error = \(bind: reason), finished_at = \(bind: time), worker_id = NULL, lease_expires_at = NULL")
            return .cancelled
        }
    }

    /// Gives a running job back without spending its attempt (graceful shutdown).
    public func release(_ job: JobRecord) async throws {
        try await fenced(job, "state = 'available', attempt = attempt - 1, run_at = \(bind: now()), worker_id = NULL, lease_expires_at = NULL")
    }

    /// Completes the job on `database` (a transaction the handler also wrote in), fenced like every outcome.
    func complete(_ job: JobRecord, result: String?, on database: any SQLDatabase) async throws {
        try await fenced(
            job, "state = 'completed', result = \(bind: result), finished_at = \(bind: now()), worker_id = NULL, lease_expires_at = NULL",
            on: database)
    }

    /// One fenced update: applies only while this attempt still holds the job.
    private func fenced(_ job: JobRecord, _ assignments: SQLQueryString, on database: (any SQLDatabase)? = nil) async throws {
        let sql = database ?? self.sql
        var query = SQLQueryString("UPDATE jobs SET ")
        query.appendInterpolation(assignments)
        query.appendInterpolation(
            SQLQueryString(
                """
                , updated_at = \(bind: now()) WHERE id = \(bind: job.id) AND attempt = \(bind: job.attempt) AND state = 'running' RETURNING id
                """))
        guard try await sql.raw(query).first() != nil else { throw JobQueueError.leaseLost(jobID: job.id, attempt: job.attempt) }
    }
}
