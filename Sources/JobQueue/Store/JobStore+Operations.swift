import FluentKit
import Foundation
import SQLKit

/// Operator and maintenance statements: rescue, prune, cancel, retry, reading.
extension JobStore {
    /// Makes jobs whose lease expired (their worker died) available again, or dead when out of attempts.
    @discardableResult
    public func rescueExpiredLeases() async throws -> Int {
        let time = now()
        return try await sql.raw(
            """
            UPDATE jobs SET
                state = CASE WHEN attempt >= max_attempts THEN 'dead' ELSE 'available' END,
                finished_at = CASE WHEN attempt >= max_attempts THEN \(bind: time) ELSE NULL END,
                last_error = 'lease expired: the worker stopped heartbeating', run_at = \(bind: time),
                worker_id = NULL, lease_expires_at = NULL, updated_at = \(bind: time)
            WHERE state = 'running' AND lease_expires_at < \(bind: time)
            RETURNING id
            """
        ).all().count
    }

    /// Deletes completed and cancelled jobs that finished more than `retentionSeconds` ago.
    @discardableResult
    public func prune(retentionSeconds: Double) async throws -> Int {
        try await sql.raw(
            """
            DELETE FROM jobs WHERE state IN ('completed', 'cancelled') AND finished_at < \(bind: now() - retentionSeconds) RETURNING id
            """
        ).all().count
    }

    /// Cancels a pending job at once, or asks the worker of a running one to stop it.
    ///
    /// One statement for both, judged on the row as it is: as two, a job whose lease lapsed between them (running,
    /// then available again) matched neither and was refused as "available".
    public func cancel(id: Int64) async throws -> JobState {
        let time = now()
        let row = try await sql.raw(
            """
            UPDATE jobs SET
                state = CASE WHEN state = 'available' THEN 'cancelled' ELSE state END,
                finished_at = CASE WHEN state = 'available' THEN \(bind: time) ELSE finished_at END,
                cancel_requested = CASE WHEN state = 'running' THEN \(bind: true) ELSE cancel_requested END,
                updated_at = \(bind: time)
            WHERE id = \(bind: id) AND state IN ('available', 'running') RETURNING state
            """
        ).first()
        if let row, let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) { return state }
        guard let job = try await job(id: id) else { throw JobQueueError.notFound(jobID: id) }
        throw JobQueueError.invalidState(jobID: id, state: job.state, operation: "cancelled")
    }

    /// Makes a dead or cancelled job available again with a fresh set of attempts.
    public func retry(id: Int64) async throws {
        let time = now()
        let revived: (any SQLRow)?
        do {
            revived = try await sql.raw(
                """
                UPDATE jobs SET state = 'available', attempt = 0, run_at = \(bind: time), finished_at = NULL, cancel_requested = \(bind: false),
                    updated_at = \(bind: time)
                WHERE id = \(bind: id) AND state IN ('dead', 'cancelled') RETURNING id
                """
            ).first()
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Another live job holds the unique key: this one cannot come back while it does.
            throw JobQueueError.invalidState(
                jobID: id, state: .cancelled, operation: "retried while another job with its unique key is pending or running")
        }
        guard revived != nil else {
            guard let job = try await job(id: id) else { throw JobQueueError.notFound(jobID: id) }
            throw JobQueueError.invalidState(jobID: id, state: job.state, operation: "retried")
        }
        if dialect.notifies { try await sql.raw("SELECT pg_notify(\(bind: Self.notifyChannel), queue) FROM jobs WHERE id = \(bind: id)").run() }
    }

    public func job(id: Int64) async throws -> JobRecord? {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM jobs WHERE id = \(bind: id)").first().map(Self.decode)
    }

    /// The newest jobs, optionally of one state and queue.
    public func list(state: JobState? = nil, queue: String? = nil, limit: Int = 50) async throws -> [JobRecord] {
        var query = SQLQueryString("SELECT \(unsafeRaw: Self.columns) FROM jobs WHERE 1 = 1")
        if let state { query.appendInterpolation(SQLQueryString(" AND state = \(bind: state.rawValue)")) }
        if let queue { query.appendInterpolation(SQLQueryString(" AND queue = \(bind: queue)")) }
        query.appendInterpolation(SQLQueryString(" ORDER BY id DESC LIMIT \(bind: max(1, min(limit, 1_000)))"))
        return try await sql.raw(query).all().map(Self.decode)
    }

    /// Number of jobs per queue and state.
    public func depth() async throws -> [String: [JobState: Int]] {
        var result: [String: [JobState: Int]] = [:]
        for row in try await sql.raw("SELECT queue, state, COUNT(*) AS n FROM jobs GROUP BY queue, state").all() {
            guard let state = JobState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            result[try row.decode(column: "queue", as: String.self), default: [:]][state] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }
}
