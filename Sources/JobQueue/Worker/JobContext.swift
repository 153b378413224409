import DatabaseSupport
import FluentKit
import SQLKit

/// What a handler sees of its job.
public struct JobContext: Sendable {
    public let job: JobRecord
    private let backing: Backing

    /// Where the job lives: a SQL queue (the job's writes and its completion can share a transaction), or Redis
    /// (they cannot: the writes commit first, the completion follows).
    enum Backing: Sendable {
        case sql(JobStore)
        case redis(progress: @Sendable (String) async throws -> Void, database: (any Database)?)
    }

    init(job: JobRecord, store: JobStore) {
        self.job = job
        self.backing = .sql(store)
    }

    init(job: JobRecord, redisProgress: @escaping @Sendable (String) async throws -> Void, database: (any Database)?) {
        self.job = job
        self.backing = .redis(progress: redisProgress, database: database)
    }

    /// The job's JSON payload.
    public var payload: String { job.payload }

    /// Stores progress (small JSON text) that `jobs show` and the API can read while the job runs.
    public func reportProgress(_ json: String) async throws {
        switch backing {
        case .sql(let store): try await store.reportProgress(job, json)
        case .redis(let progress, _): try await progress(json)
        }
    }

    /// Runs `work` and completes the job in one transaction: the job's writes exist exactly when it is complete.
    ///
    /// If this attempt lost its lease, nothing of `work` is kept and ``JobQueueError/leaseLost(jobID:attempt:)`` is thrown.
    /// Return the resulting ``JobOutcome/recorded`` from the handler. On Redis the writes commit in their own
    /// transaction and the job completes after it (docs/jobs.md: a worker dying between the two runs the job again).
    public func complete(result: String? = nil, with work: @escaping @Sendable (any Database) async throws -> Void) async throws -> JobOutcome {
        switch backing {
        case .sql(let store):
            try await store.database.safeTransaction { [job] transaction in
                try await work(transaction)
                try await store.complete(job, result: result, on: transaction as! any SQLDatabase)
            }
            return .recorded
        case .redis(_, let database):
            guard let database else { throw JobQueueError.unsupportedDatabase("none: this Redis worker has no database for the job's writes") }
            try await database.safeTransaction { transaction in try await work(transaction) }
            return .complete(result: result)
        }
    }
}
