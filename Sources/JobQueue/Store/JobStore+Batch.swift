import Foundation
import SQLKit

extension JobStore {
    /// Completes many jobs in one statement, each fenced by its attempt. Returns the ids that were completed;
    /// a job missing from the answer had lost its lease.
    public func completeBatch(_ jobs: [(job: JobRecord, result: String?)]) async throws -> Set<Int64> {
        guard !jobs.isEmpty else { return [] }
        let time = now()
        var query = Self.valuesCTE("done(id, attempt, result)", jobs.map { "(\(bind: $0.job.id), \(bind: $0.job.attempt), \(bind: $0.result))" })
        query.appendInterpolation(
            SQLQueryString(
                """
                UPDATE jobs SET state = 'completed', result = done.result, finished_at = \(bind: time), updated_at = \(bind: time),
                    worker_id = NULL, lease_expires_at = NULL
                FROM done WHERE jobs.id = done.id AND jobs.attempt = done.attempt AND jobs.state = 'running'
                RETURNING jobs.id
                """))
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: Int64.self) })
    }

    /// Whether any job is still available or running (cheap: it stops at the first row).
    public func hasOpenJobs() async throws -> Bool {
        try await sql.raw("SELECT 1 AS open FROM jobs WHERE state IN ('available', 'running') LIMIT 1").first() != nil
    }
}

extension JobStore {
    /// Extends the leases of many jobs in one statement. Returns, for each job still held, whether an operator
    /// asked to cancel it; a job missing from the answer has lost its lease.
    public func heartbeatBatch(_ jobs: [JobRecord], leaseSeconds: Double) async throws -> [Int64: Bool] {
        guard !jobs.isEmpty else { return [:] }
        let time = now()
        var query = Self.valuesCTE("beat(id, attempt)", jobs.map { "(\(bind: $0.id), \(bind: $0.attempt))" })
        query.appendInterpolation(
            SQLQueryString(
                """
                UPDATE jobs SET lease_expires_at = \(bind: time + leaseSeconds), updated_at = \(bind: time)
                FROM beat WHERE jobs.id = beat.id AND jobs.attempt = beat.attempt AND jobs.state = 'running'
                RETURNING jobs.id, jobs.cancel_requested
                """))
        var held: [Int64: Bool] = [:]
        for row in try await sql.raw(query).all() {
            held[try row.decode(column: "id", as: Int64.self)] = try row.decode(column: "cancel_requested", as: Bool.self)
        }
        return held
    }
}

extension JobStore {
    /// `WITH name(columns) AS (VALUES row, row, …) ` — portable to PostgreSQL and SQLite, unlike `VALUES … AS v(columns)`.
    static func valuesCTE(_ header: String, _ rows: [SQLQueryString]) -> SQLQueryString {
        var query = SQLQueryString("WITH \(unsafeRaw: header) AS (VALUES ")
        for (index, row) in rows.enumerated() {
            query.appendInterpolation(unsafeRaw: index == 0 ? "" : ", ")
            query.appendInterpolation(row)
        }
        query.appendInterpolation(unsafeRaw: ") ")
        return query
    }
}
