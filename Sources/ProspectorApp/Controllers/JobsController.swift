import ProspectorServices
import Vapor

/// Jobs: add one by name (BullMQ's `queue.add`), show (state, progress, result, error), list by state and queue, retry
/// a dead one, cancel.
struct JobsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("jobs")
        jobs.get(use: list)
        jobs.post(use: add)
        jobs.get(":id", use: show)
        jobs.post(":id", "retry", use: retry)
        jobs.post(":id", "cancel", use: cancel)
    }

    @Sendable func list(request: Request) async throws -> JobsResponse {
        try request.require(scope: .read)
        let limit = try request.queryInteger("limit", default: 50, 1...500)
        let jobs = try await request.appServices.jobs.list(
            state: request.query[String.self, at: "state"], queue: request.query[String.self, at: "queue"],
            limit: limit)
        return JobsResponse(jobs: jobs.map(JobDTO.init))
    }

    @Sendable func add(request: Request) async throws -> Response {
        // Every kind that can be added spends credits or runs enrichment's searches.
        let keyID = try request.require(scope: .enrich)
        var addition = try JSONBody.decode(AddJobBody.self, from: request).addition()
        addition.apiKeyID = keyID
        let added = try await request.appServices.jobs.add(addition)
        let response = Response(status: .accepted)
        try response.content.encode(JobAddedResponse(added), as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/jobs/\(added.id)")
        return response
    }

    @Sendable func show(request: Request) async throws -> JobResponse {
        try request.require(scope: .read)
        return JobResponse(job: JobDTO(try await request.appServices.jobs.find(try Self.id(request))))
    }

    @Sendable func retry(request: Request) async throws -> JobResponse {
        try request.require(scope: .write)
        return JobResponse(job: JobDTO(try await request.appServices.jobs.retry(try Self.id(request))))
    }

    @Sendable func cancel(request: Request) async throws -> JobResponse {
        try request.require(scope: .write)
        return JobResponse(job: JobDTO(try await request.appServices.jobs.cancel(try Self.id(request))))
    }

    static func id(_ request: Request) throws -> Int64 {
        guard let id = request.parameters.get("id").flatMap(Int64.init), id > 0 else { throw APIError.invalid("id", "must be a positive integer") }
        return id
    }
}
