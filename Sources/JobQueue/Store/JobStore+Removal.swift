import FluentKit
import SQLKit

/// BullMQ's `removeOnComplete` / `removeOnFail`, applied by the maintenance pass.
extension JobStore {
    /// Deletes finished jobs their own removal options no longer keep: older than their age, or beyond the newest
    /// `count` finished jobs of their queue. Returns how many went.
    @discardableResult
    public func applyRemovalOptions() async throws -> Int {
        var removed = 0
        for (state, prefix) in [("completed", "remove_on_complete"), ("dead", "remove_on_fail")] {
            removed += try await sql.raw(
                """
                DELETE FROM jobs WHERE state = \(bind: state) AND \(unsafeRaw: prefix)_age IS NOT NULL
                    AND finished_at < \(bind: now()) - \(unsafeRaw: prefix)_age
                RETURNING id
                """
            ).all().count
            removed += try await sql.raw(
                """
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM (
                        SELECT id, \(unsafeRaw: prefix)_count AS keep,
                            ROW_NUMBER() OVER (PARTITION BY queue ORDER BY finished_at DESC, id DESC) AS newer
                        FROM jobs WHERE state = \(bind: state)
                            AND queue IN (SELECT DISTINCT queue FROM jobs WHERE state = \(bind: state) AND \(unsafeRaw: prefix)_count IS NOT NULL)
                    ) ranked
                    WHERE keep IS NOT NULL AND newer > keep)
                RETURNING id
                """
            ).all().count
        }
        return removed
    }
}

/// The retention policy's side of the queue: finished jobs (their payloads and results) past a date.
extension JobStore {
    /// Counts, or deletes, completed, dead and cancelled jobs that finished before `time` (seconds since 1970).
    @discardableResult
    public func finishedJobs(before time: Double, delete: Bool) async throws -> Int {
        let finished = "state IN ('completed', 'dead', 'cancelled') AND finished_at < "
        if delete {
            return try await sql.raw("DELETE FROM jobs WHERE \(unsafeRaw: finished)\(bind: time) RETURNING id").all().count
        }
        return try await sql.raw("SELECT COUNT(*) AS finished FROM jobs WHERE \(unsafeRaw: finished)\(bind: time)").first()?
            .decode(column: "finished", as: Int.self) ?? 0
    }
}
