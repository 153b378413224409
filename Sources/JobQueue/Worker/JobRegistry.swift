import DatabaseSupport
import FluentKit
import SQLKit

/// What a handler sees of its job.
public struct JobContext: Sendable {
    public let job: JobRecord
    let store: JobStore

    /// The job's JSON payload.
    public var payload: String { job.payload }

    /// Stores progress (small JSON text) that `jobs show` and the API can read while the job runs.
    public func reportProgress(_ json: String) async throws {
        try await store.reportProgress(job, json)
    }

    /// Runs `work` and completes the job in one transaction: the job's writes exist exactly when it is complete.
    ///
    /// If this attempt lost its lease, nothing of `work` is kept and ``JobQueueError/leaseLost(jobID:attempt:)`` is thrown.
    /// Return the resulting ``JobOutcome/recorded`` from the handler.
    public func complete(result: String? = nil, with work: @escaping @Sendable (any Database) async throws -> Void) async throws -> JobOutcome {
        try await store.database.safeTransaction { [store, job] transaction in
            try await work(transaction)
            try await store.complete(job, result: result, on: transaction as! any SQLDatabase)
        }
        return .recorded
    }
}

/// A job handler: it returns an outcome; a thrown error is a failure (retried with backoff).
public typealias JobHandler = @Sendable (JobContext) async throws -> JobOutcome

/// Handlers by job kind. The queue knows kinds only as strings.
public struct JobRegistry: Sendable {
    private(set) var handlers: [String: JobHandler] = [:]

    public init() {}

    public mutating func register(_ kind: String, _ handler: @escaping JobHandler) {
        handlers[kind] = handler
    }

    func handler(for kind: String) -> JobHandler? { handlers[kind] }

    /// The kinds that have a handler.
    public var kinds: Set<String> { Set(handlers.keys) }
}

/// A job enqueued once per slot of a fixed interval, however many worker processes run.
public struct CronSchedule: Sendable {
    public var name: String
    public var everySeconds: Double
    public var job: NewJob

    public init(name: String, everySeconds: Double, job: NewJob) {
        self.name = name
        self.everySeconds = max(1, everySeconds)
        self.job = job
    }

    /// The start of the slot `time` falls in.
    func slot(at time: Double) -> Double { (time / everySeconds).rounded(.down) * everySeconds }
}
