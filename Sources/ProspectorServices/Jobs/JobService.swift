import FluentKit
import Foundation
import JobQueue

/// The operator's view of the queue: list, show, retry and cancel jobs, and enqueue the ones services ask for.
public struct JobService: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The names a job state is listed by.
    public static var stateNames: [String] { JobState.allCases.map(\.rawValue) }

    /// The newest jobs, optionally in one state (by name) and one queue.
    public func list(state: String?, queue: String?, limit: Int) async throws -> [JobRecord] {
        let parsed = try state.map { name in
            guard let state = JobState(rawValue: name) else {
                throw ServiceError.invalid(field: "state", problem: "must be one of \(Self.stateNames.joined(separator: ", "))")
            }
            return state
        }
        return try await store().list(state: parsed, queue: queue, limit: limit)
    }

    /// One job; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ id: Int64) async throws -> JobRecord {
        guard let job = try await store().job(id: id) else { throw ServiceError.notFound("job \(id) does not exist") }
        return job
    }

    /// Makes a dead or cancelled job available again and returns it.
    public func retry(_ id: Int64) async throws -> JobRecord {
        try await mapped { try await store().retry(id: id) }
        return try await find(id)
    }

    /// Cancels a pending job, or asks the worker of a running one to stop it; returns the job as it is now.
    public func cancel(_ id: Int64) async throws -> JobRecord {
        try await mapped { _ = try await store().cancel(id: id) }
        return try await find(id)
    }

    private func store() throws -> JobStore { try JobStore(database: database) }

    private func mapped(_ operation: () async throws -> Void) async throws {
        do {
            try await operation()
        } catch let error as JobQueueError {
            switch error {
            case .notFound: throw ServiceError.notFound(error.description)
            case .invalidState: throw ServiceError.conflict(error.description)
            default: throw error
            }
        }
    }
}
