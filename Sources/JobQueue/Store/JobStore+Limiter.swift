import FluentKit
import SQLKit

/// The queue limiter's shared window (`job_rate_windows`): one row per limited queue, updated in one statement, so
/// workers in every process draw from the same allowance.
extension JobStore {
    /// Takes up to `wanted` job starts from the queue's current window. Returns how many were granted, the window's
    /// start (to give back what was not used) and when it ends.
    func takeStarts(queue: String, wanted: Int, limiter: QueueLimiter) async throws -> (granted: Int, windowStart: Double, windowEnds: Double) {
        let time = now()
        let cut = time - Double(limiter.durationMilliseconds) / 1_000
        let (least, greatest) = dialect == .postgres ? ("LEAST", "GREATEST") : ("MIN", "MAX")
        try await sql.raw(
            """
            INSERT INTO job_rate_windows (queue, window_start, used, granted) VALUES (\(bind: queue), \(bind: time), 0, 0)
            ON CONFLICT (queue) DO NOTHING
            """
        ).run()
        let fresh = SQLQueryString("\(unsafeRaw: least)(\(bind: limiter.max), \(bind: wanted))")
        let more = SQLQueryString(
            "\(unsafeRaw: greatest)(0, \(unsafeRaw: least)(\(bind: limiter.max) - used, \(bind: wanted)))")
        let row = try await sql.raw(
            """
            UPDATE job_rate_windows SET
                window_start = CASE WHEN window_start <= \(bind: cut) THEN \(bind: time) ELSE window_start END,
                granted = CASE WHEN window_start <= \(bind: cut) THEN \(fresh) ELSE \(more) END,
                used = CASE WHEN window_start <= \(bind: cut) THEN \(fresh) ELSE used + \(more) END
            WHERE queue = \(bind: queue)
            RETURNING granted, window_start
            """
        ).first()
        guard let row else { return (0, time, time + 1) }
        let start = try row.decode(column: "window_start", as: Double.self)
        return (try row.decode(column: "granted", as: Int.self), start, start + Double(limiter.durationMilliseconds) / 1_000)
    }

    /// Gives back starts that were granted but found no job, while their window lasts.
    func returnStarts(queue: String, count: Int, windowStart: Double) async throws {
        guard count > 0 else { return }
        try await sql.raw(
            """
            UPDATE job_rate_windows SET used = used - \(bind: count)
            WHERE queue = \(bind: queue) AND window_start = \(bind: windowStart) AND used >= \(bind: count)
            """
        ).run()
    }
}
