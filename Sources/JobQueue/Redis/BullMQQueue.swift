import Foundation
import RedisClient

/// One queue in BullMQ 5's Redis layout: add, take, finish, retry, progress, locks and stalled recovery, each one
/// script (``BullMQScripts``). BullMQ's own producers, workers and listeners share the queue.
public struct BullMQQueue: Sendable {
    public let name: String
    public let prefix: String
    let redis: RedisPool

    public init(name: String, redis: RedisPool, prefix: String = "bull") {
        self.name = name
        self.prefix = prefix
        self.redis = redis
    }

    func key(_ suffix: String) -> String { "\(prefix):\(name):\(suffix)" }
    /// Job keys are this prefix and the id.
    var jobPrefix: String { "\(prefix):\(name):" }
    func jobKey(_ id: String) -> String { jobPrefix + id }

    static func milliseconds(_ date: Date = Date()) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000).rounded(.down)) }

    /// Adds a job as BullMQ's `queue.add(name, data, opts)` does; returns its id and whether a job with the given
    /// `jobId` existed already (then nothing was added).
    public func add(_ addition: BullMQAddition) async throws -> (id: String, existing: Bool) {
        let answer = try await redis.evaluate(
            BullMQScripts.add,
            keys: [key("wait"), key("id"), key("delayed"), key("events"), key("marker"), key("prioritized"), key("pc")],
            arguments: [
                jobPrefix, addition.jobId ?? "", addition.name, Self.milliseconds(), addition.data, addition.optionsJSON, addition.delayMilliseconds,
                addition.priority, addition.lifo ? "RPUSH" : "LPUSH",
            ])
        guard let parts = answer.array, parts.count == 2, let id = parts[0].string else {
            throw RedisError.unexpectedReply("add answered \(answer)")
        }
        return (id, parts[1].int == 1)
    }

    /// Moves the next job to active under a lock held with `token`; nil when there is none (with the time of the next
    /// delayed job in milliseconds, if any).
    /// Within the queue's `limiter`, when given, counted in the same key BullMQ's workers count in (`limitedFor`: how
    /// long until it lets another job start).
    func moveToActive(token: String, lockMilliseconds: Int, worker: String, limiter: QueueLimiter? = nil) async throws -> (
        job: BullMQJob?, nextDelayed: Int64?, limitedFor: Int64?
    ) {
        let answer = try await redis.evaluate(
            BullMQScripts.moveToActive,
            keys: [key("wait"), key("active"), key("prioritized"), key("events"), key("delayed"), key("pc"), key("marker"), key("limiter")],
            arguments: [
                jobPrefix, Self.milliseconds(), token, lockMilliseconds, worker, limiter?.max ?? 0, limiter?.durationMilliseconds ?? 0,
            ])
        guard let parts = answer.array, parts.count >= 2 else { throw RedisError.unexpectedReply("moveToActive answered \(answer)") }
        if let id = parts[1].string, id != "0", parts[0].array != nil {
            return (BullMQJob(id: id, fields: parts[0].fields, token: token), nil, nil)
        }
        if parts.count > 3, let wait = parts[3].int, wait > 0 { return (nil, nil, wait) }
        let next = parts.count > 2 ? parts[2].int : nil
        return (nil, next.flatMap { $0 > 0 ? $0 : nil }, nil)
    }

    /// Completes an active job with its return value (JSON).
    func complete(_ job: BullMQJob, returnValue: String) async throws {
        try await finish(job, field: "returnvalue", value: returnValue, target: "completed", keep: job.keepOnComplete, stacktrace: "[]")
    }

    /// Fails an active job for good: no attempt is left, or retrying cannot help.
    /// `cancelled`: an operator stopped it (kept as failed, marked so that it is shown and counted as cancelled).
    func failFinally(_ job: BullMQJob, reason: String, cancelled: Bool = false) async throws {
        try await finish(
            job, field: "failedReason", value: reason, target: "failed", keep: job.keepOnFail, stacktrace: Self.stacktrace(reason),
            cancelled: cancelled)
    }

    private func finish(
        _ job: BullMQJob, field: String, value: String, target: String, keep: Int, stacktrace: String, cancelled: Bool = false
    ) async throws {
        let code = try await redis.evaluate(
            BullMQScripts.moveToFinished,
            keys: [key("active"), key("events"), key("stalled"), key(target), jobKey(job.id), key("wait"), key("prioritized")],
            arguments: [job.id, Self.milliseconds(), field, value, target, job.token, keep, stacktrace, job.attempts, cancelled ? "1" : "0"]
        ).int
        try Self.check(code, job: job)
    }

    /// Puts a failed or snoozed attempt back: after `delayMilliseconds` (0: at once). A snooze spends no attempt.
    func retry(_ job: BullMQJob, reason: String, delayMilliseconds: Int64, spendsAttempt: Bool = true) async throws {
        let code = try await redis.evaluate(
            BullMQScripts.retry,
            keys: [
                key("active"), key("events"), key("stalled"), jobKey(job.id), key("wait"), key("delayed"), key("prioritized"), key("pc"),
                key("marker"),
            ],
            arguments: [job.id, Self.milliseconds(), job.token, delayMilliseconds, reason, Self.stacktrace(reason), spendsAttempt ? "1" : "0"]
        ).int
        try Self.check(code, job: job)
    }

    /// What renewing a lock found.
    enum LockRenewal { case kept, cancelRequested, lost }

    /// Keeps the job's lock for another `milliseconds`.
    func extendLock(_ job: BullMQJob, milliseconds: Int) async throws -> LockRenewal {
        let answer = try await redis.evaluate(
            BullMQScripts.extendLock, keys: [jobKey(job.id) + ":lock", key("stalled"), jobKey(job.id)],
            arguments: [job.token, milliseconds, job.id]
        ).int
        switch answer {
        case 1: return .kept
        case 2: return .cancelRequested
        default: return .lost
        }
    }

    /// Stores a job's progress (JSON) and tells listeners.
    public func updateProgress(id: String, json: String) async throws {
        try await redis.evaluate(BullMQScripts.updateProgress, keys: [jobKey(id), key("events")], arguments: [id, json])
    }

    /// Moves active jobs whose lock expired back to wait (or to failed past `maxStalled`); returns their ids.
    public func recoverStalled(maxStalled: Int = 1) async throws -> [String] {
        let answer = try await redis.evaluate(
            BullMQScripts.recoverStalled,
            keys: [key("active"), key("wait"), key("failed"), key("events"), key("marker"), key("stalled")],
            arguments: [jobPrefix, Self.milliseconds(), maxStalled])
        return answer.array?.compactMap(\.string) ?? []
    }

    /// Waits on the queue's marker for up to `seconds` on a dedicated connection (BullMQ's blocking wait).
    func waitForMarker(on connection: RedisConnection, seconds: Double) async throws {
        _ = try await connection.send("BZPOPMIN", key("marker"), String(format: "%.3f", max(0.01, seconds)), timeoutSeconds: seconds)
    }

    static func stacktrace(_ reason: String) -> String {
        String(decoding: (try? JSONEncoder().encode([reason])) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func check(_ code: Int64?, job: BullMQJob) throws {
        switch code {
        case 0: return
        case -2, -6: throw BullMQError.lockLost(jobID: job.id)
        case -1: throw BullMQError.missing(jobID: job.id)
        case -3: throw BullMQError.notActive(jobID: job.id)
        default: throw BullMQError.unexpected(jobID: job.id, code: code)
        }
    }
}

/// Why a BullMQ operation on a job was refused.
public enum BullMQError: Error, Equatable, Sendable {
    /// The job's lock expired or another worker holds it: this worker must drop the job (it was or will be rerun).
    case lockLost(jobID: String)
    case missing(jobID: String)
    case notActive(jobID: String)
    case unexpected(jobID: String, code: Int64?)
    /// The job is not in a state the operation applies to (retry: failed; cancel: pending or running).
    case invalidState(jobID: String, operation: String)
}
