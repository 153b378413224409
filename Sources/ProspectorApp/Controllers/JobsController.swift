import JobQueue
import Vapor

/// Jobs: show (state, progress, result, error), list by state and queue, retry a dead one, cancel.
struct JobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("jobs")
        jobs.get(use: list)
        jobs.get(":id", use: show)
        jobs.post(":id", "retry", use: retry)
        jobs.post(":id", "cancel", use: cancel)
    }

    private func store(_ request: Request) throws -> JobStore { try JobStore(database: request.db) }

    @Sendable func list(request: Request) async throws -> JobsResponse {
        try request.require(scope: "read")
        let state = try request.query[String.self, at: "state"].map { text in
            guard let state = JobState(rawValue: text) else {
                throw APIError.invalid("state", "must be one of \(JobState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let queue = request.query[String.self, at: "queue"]
        let limit = try request.queryInteger("limit", default: 50, 1...500)
        return JobsResponse(jobs: try await store(request).list(state: state, queue: queue, limit: limit).map(JobDTO.init))
    }

    @Sendable func show(request: Request) async throws -> JobResponse {
        try request.require(scope: "read")
        let id = try Self.id(request)
        guard let job = try await store(request).job(id: id) else { throw APIError(.notFound, "job \(id) does not exist") }
        return JobResponse(job: JobDTO(job))
    }

    @Sendable func retry(request: Request) async throws -> JobResponse {
        try request.require(scope: "write")
        return try await act(request) { store, id in try await store.retry(id: id) }
    }

    @Sendable func cancel(request: Request) async throws -> JobResponse {
        try request.require(scope: "write")
        return try await act(request) { store, id in _ = try await store.cancel(id: id) }
    }

    private func act(_ request: Request, _ operation: (JobStore, Int64) async throws -> Void) async throws -> JobResponse {
        let id = try Self.id(request)
        let store = try store(request)
        do {
            try await operation(store, id)
        } catch let error as JobQueueError {
            switch error {
            case .notFound: throw APIError(.notFound, error.description)
            case .invalidState: throw APIError(.conflict, error.description)
            default: throw error
            }
        }
        guard let job = try await store.job(id: id) else { throw APIError(.notFound, "job \(id) does not exist") }
        return JobResponse(job: JobDTO(job))
    }

    static func id(_ request: Request) throws -> Int64 {
        guard let id = request.parameters.get("id").flatMap(Int64.init), id > 0 else { throw APIError.invalid("id", "must be a positive integer") }
        return id
    }
}
