import Foundation

/// How long to wait before retrying a failed attempt, as BullMQ's `backoff` option says it.
public struct JobBackoff: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The same delay before every retry.
        case fixed
        /// `delay × 2^(attempt − 1)`: the delay doubles with each failed attempt.
        case exponential
    }

    public var kind: Kind
    /// The base delay in milliseconds.
    public var delayMilliseconds: Int

    public init(_ kind: Kind, delayMilliseconds: Int) {
        self.kind = kind
        self.delayMilliseconds = max(0, delayMilliseconds)
    }

    /// Seconds before the retry that follows failed attempt number `attempt` (1 for the first).
    public func seconds(afterAttempt attempt: Int) -> Double {
        let base = Double(delayMilliseconds) / 1_000
        switch kind {
        case .fixed: return base
        case .exponential: return base * pow(2, Double(max(0, attempt - 1)))
        }
    }
}

/// Which finished jobs to delete, as BullMQ's `removeOnComplete` / `removeOnFail` say it: keep the newest `count`
/// of the queue's finished jobs, and none older than `ageSeconds`; `count` 0 removes the job as soon as it finishes.
public struct JobRemoval: Sendable, Equatable, Codable {
    public var count: Int?
    public var ageSeconds: Double?

    public init(count: Int? = nil, ageSeconds: Double? = nil) {
        self.count = count.map { max(0, $0) }
        self.ageSeconds = ageSeconds.map { max(0, $0) }
    }

    /// BullMQ's `true`: delete the job once it finished.
    public static let immediately = JobRemoval(count: 0)
}

/// A job's BullMQ options beyond attempts, delay and priority.
public struct JobOptions: Sendable, Equatable, Codable {
    /// Retry delays; nil: the worker's jittered exponential default.
    public var backoff: JobBackoff?
    /// The caller's id for the job (BullMQ's `jobId`): a second add with the same id is the same job, for as long as
    /// the job is kept.
    public var jobKey: String?
    public var removeOnComplete: JobRemoval?
    public var removeOnFail: JobRemoval?

    public init(backoff: JobBackoff? = nil, jobKey: String? = nil, removeOnComplete: JobRemoval? = nil, removeOnFail: JobRemoval? = nil) {
        self.backoff = backoff
        self.jobKey = jobKey
        self.removeOnComplete = removeOnComplete
        self.removeOnFail = removeOnFail
    }
}
