import FluentKit
import SQLKit

/// A worker process as its last heartbeat left it.
public struct WorkerHeartbeat: Sendable, Equatable {
    public var workerID: String
    /// `name=concurrency` pairs, comma-separated.
    public var queues: String
    public var startedAt: Double
    public var lastSeenAt: Double
}

/// Worker heartbeats (`job_workers`).
extension JobStore {
    /// Records that `workerID` is alive now.
    public func noteWorker(_ workerID: String, queues: String, startedAt: Double) async throws {
        let time = now()
        try await sql.raw(
            """
            INSERT INTO job_workers (worker_id, queues, started_at, last_seen_at)
            VALUES (\(bind: workerID), \(bind: queues), \(bind: startedAt), \(bind: time))
            ON CONFLICT (worker_id) DO UPDATE SET queues = excluded.queues, last_seen_at = excluded.last_seen_at
            """
        ).run()
    }

    /// Forgets a worker that stopped cleanly.
    public func forgetWorker(_ workerID: String) async throws {
        try await sql.raw("DELETE FROM job_workers WHERE worker_id = \(bind: workerID)").run()
    }

    /// Workers seen at or after `time`, newest first; older rows (workers that died) are removed.
    public func workers(seenSince time: Double) async throws -> [WorkerHeartbeat] {
        try await sql.raw("DELETE FROM job_workers WHERE last_seen_at < \(bind: time - 86_400)").run()
        return try await sql.raw(
            "SELECT worker_id, queues, started_at, last_seen_at FROM job_workers WHERE last_seen_at >= \(bind: time) ORDER BY last_seen_at DESC"
        ).all().map { row in
            WorkerHeartbeat(
                workerID: try row.decode(column: "worker_id", as: String.self), queues: try row.decode(column: "queues", as: String.self),
                startedAt: try row.decode(column: "started_at", as: Double.self), lastSeenAt: try row.decode(column: "last_seen_at", as: Double.self))
        }
    }

    /// Jobs per state across queues.
    public func countsByState() async throws -> [JobState: Int] {
        var totals: [JobState: Int] = [:]
        for states in try await depth().values {
            for (state, count) in states { totals[state, default: 0] += Int(count) }
        }
        return totals
    }
}
