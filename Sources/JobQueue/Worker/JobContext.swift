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
