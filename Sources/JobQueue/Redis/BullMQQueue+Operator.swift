import Foundation
import RedisClient

/// What an operator does with a BullMQ queue: count, list, show, retry a failed job, cancel one, and fire a
/// repeatable schedule's slot. Jobs are shown as ``JobRecord``s, the same shape the SQL backend shows.
extension BullMQQueue {
    /// Jobs per state, as BullMQ's `getJobCounts` names them.
    public func counts() async throws -> [String: Int] {
        let connection = try await redis.connection()
        let answers = try await connection.pipeline([
            ["LLEN", key("wait")], ["LLEN", key("active")], ["ZCARD", key("delayed")], ["ZCARD", key("prioritized")],
            ["ZCARD", key("completed")], ["ZCARD", key("failed")],
        ])
        let names = ["waiting", "active", "delayed", "prioritized", "completed", "failed"]
        return Dictionary(uniqueKeysWithValues: zip(names, answers.map { Int($0.int ?? 0) }))
    }

    /// Jobs per state in the SQL backend's names (a cancelled job is counted as failed, where BullMQ keeps it).
    public func depth() async throws -> [JobState: Int] {
        let counts = try await counts()
        return [
            .available: (counts["waiting"] ?? 0) + (counts["delayed"] ?? 0) + (counts["prioritized"] ?? 0),
            .running: counts["active"] ?? 0, .completed: counts["completed"] ?? 0, .dead: counts["failed"] ?? 0,
        ]
    }

    /// A job's hash, as BullMQ stores it; nil when there is none.
    public func fields(of id: String) async throws -> [String: String]? {
        let fields = try await redis.send("HGETALL", jobKey(id)).fields
        return fields.isEmpty ? nil : fields
    }

    /// One job with its state; nil when there is none.
    public func job(_ id: String) async throws -> JobRecord? {
        let answer = try await redis.evaluate(
            BullMQScripts.inspect,
            keys: [key("completed"), key("failed"), key("delayed"), key("prioritized"), key("active"), key("wait"), jobKey(id)],
            arguments: [id])
        guard let parts = answer.array, parts.count == 2, let state = parts[0].string else { return nil }
        return BullMQRecord.record(id: id, fields: parts[1].fields, state: state, queue: name)
    }

    /// The newest jobs in one state (all states when nil), at most `limit`.
    public func jobs(in state: JobState?, limit: Int) async throws -> [JobRecord] {
        let sources: [(command: [String], state: String)] = [
            (["LRANGE", key("active"), "0", "\(limit - 1)"], "active"),
            (["LRANGE", key("wait"), "0", "\(limit - 1)"], "waiting"),
            (["ZRANGE", key("prioritized"), "0", "\(limit - 1)"], "prioritized"),
            (["ZRANGE", key("delayed"), "0", "\(limit - 1)"], "delayed"),
            (["ZREVRANGE", key("failed"), "0", "\(limit - 1)"], "failed"),
            (["ZREVRANGE", key("completed"), "0", "\(limit - 1)"], "completed"),
        ].filter { state == nil || BullMQRecord.states(of: state!).contains($0.state) }
        let connection = try await redis.connection()
        let listed = try await connection.pipeline(sources.map(\.command))
        let ids = zip(sources, listed).flatMap { source, reply in (reply.array ?? []).compactMap(\.string).map { ($0, source.state) } }
        guard !ids.isEmpty else { return [] }
        let hashes = try await connection.pipeline(ids.map { ["HGETALL", jobKey($0.0)] })
        let records = zip(ids, hashes).compactMap { job, hash in
            BullMQRecord.record(id: job.0, fields: hash.fields, state: job.1, queue: name)
        }.filter { state == nil || $0.state == state }
        return Array(records.sorted { $0.createdAt > $1.createdAt }.prefix(limit))
    }

    /// A failed (or cancelled) job back to wait with a fresh set of attempts.
    public func retryFailed(_ id: String) async throws {
        let code = try await redis.evaluate(
            BullMQScripts.retryFailed,
            keys: [key("failed"), key("wait"), key("prioritized"), key("pc"), key("marker"), key("events"), jobKey(id)], arguments: [id]
        ).int
        try check(code, id: id, operation: "retried")
    }

    /// Cancels a pending job at once (it is kept as failed, `cancelled`), or asks the Prospector worker running it
    /// to stop; returns the job's state after.
    @discardableResult
    public func cancel(_ id: String, reason: String = "cancelled by an operator") async throws -> JobState {
        let code = try await redis.evaluate(
            BullMQScripts.cancel,
            keys: [key("wait"), key("prioritized"), key("delayed"), key("failed"), key("active"), key("events"), jobKey(id)],
            arguments: [id, Self.milliseconds(), reason]
        ).int
        if code == 1 { return .running }
        try check(code, id: id, operation: "cancelled")
        return .cancelled
    }

    /// Adds the schedule's job for the slot `time` falls in, once across every worker (as a BullMQ repeatable job,
    /// with the id `repeat:<name>:<slot ms>`); returns the id, or nil when the slot was fired already.
    public func fireSlot(_ schedule: CronSchedule, at time: Date = Date()) async throws -> String? {
        let slot = Int64(schedule.slot(at: time.timeIntervalSince1970) * 1_000)
        let addition = BullMQAddition(
            name: schedule.job.kind, data: schedule.job.payload, attempts: schedule.job.maxAttempts, backoff: schedule.job.options.backoff,
            jobId: "repeat:\(schedule.name):\(slot)", removeOnComplete: schedule.job.options.removeOnComplete,
            removeOnFail: schedule.job.options.removeOnFail)
        let answer = try await redis.evaluate(
            BullMQScripts.addOnce,
            keys: [
                key("wait"), key("id"), key("delayed"), key("events"), key("marker"), key("prioritized"), key("pc"),
                key("repeat-slot:\(schedule.name):\(slot)"),
            ],
            arguments: [
                jobPrefix, addition.jobId!, addition.name, Self.milliseconds(time), addition.data, addition.optionsJSON, 0, 0, "LPUSH",
                Int64(schedule.everySeconds * 2_000),
            ])
        guard let parts = answer.array, parts.count == 2 else { throw RedisError.unexpectedReply("addOnce answered \(answer)") }
        return parts[1].int == 1 ? nil : parts[0].string
    }

    private func check(_ code: Int64?, id: String, operation: String) throws {
        switch code {
        case 0: return
        case -1: throw BullMQError.missing(jobID: id)
        default: throw BullMQError.invalidState(jobID: id, operation: operation)
        }
    }
}
