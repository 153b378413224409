import Foundation
import PostgresNIO

/// The claim on PostgreSQL, the queue's hottest statement, through PostgresNIO directly: columns decoded by position
/// into typed values, and only those a worker needs. Through SQLKit each row built a name lookup and decoded every
/// column via `Codable`, which the drain benchmark showed as a large share of the worker's CPU.
enum PostgresClaim {
    static func claim(
        _ database: any PostgresDatabase, queue: String, limit: Int, workerID: String, time: Double, leaseSeconds: Double
    ) async throws -> [JobRecord] {
        let lease = time + leaseSeconds
        let query: PostgresQuery = """
            UPDATE jobs SET state = 'running', attempt = attempt + 1, worker_id = \(workerID), lease_expires_at = \(lease), updated_at = \(time)
            WHERE id IN (
                SELECT id FROM jobs WHERE state = 'available' AND queue = \(queue) AND run_at <= \(time)
                ORDER BY priority, run_at, id LIMIT \(limit) FOR UPDATE SKIP LOCKED)
            RETURNING id, kind, payload, priority, run_at, attempt, max_attempts, unique_key, progress, last_error, created_at, backoff_kind,
                backoff_delay_ms, job_key
            """
        let result = try await database.withConnection { $0.query(query, logger: database.logger) }.get()
        return try result.rows.map { row in
            let (
                id, kind, payload, priority, runAt, attempt, maxAttempts, uniqueKey, progress, lastError, createdAt, backoffKind, backoffDelay, jobKey
            ) =
                try row.decode((Int64, String, String, Int, Double, Int, Int, String?, String?, String?, Double, String?, Int?, String?).self)
            return JobRecord(
                id: id, queue: queue, kind: kind, payload: payload, state: .running, priority: priority, runAt: runAt, attempt: attempt,
                maxAttempts: maxAttempts, uniqueKey: uniqueKey, workerID: workerID, leaseExpiresAt: lease, cancelRequested: false,
                progress: progress, result: nil, lastError: lastError, createdAt: createdAt, updatedAt: time, finishedAt: nil,
                options: JobOptions(backoff: JobStore.backoff(kind: backoffKind, delay: backoffDelay), jobKey: jobKey))
        }
        .sorted { ($0.priority, $0.runAt, $0.id) < ($1.priority, $1.runAt, $1.id) }
    }
}
