import ProspectorServices
import Vapor

/// Jobs: add one by name (BullMQ's `queue.add`), show (state, progress, result, error), list by state and queue, retry
/// a dead one, cancel. A SQL job is named by its number; a BullMQ job on Redis by its id and `?queue=`.
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
        response.headers.replaceOrAdd(name: .location, value: Self.location(of: added.reference))
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

    /// The job the path's `:id` and the `queue` query name: on Redis any BullMQ id; in SQL a positive number.
    static func id(_ request: Request) throws -> JobReference {
        let queue = request.query[String.self, at: "queue"]
        // Checked even where it does not matter (SQL jobs): a malformed parameter is refused, never ignored.
        if let queue, !(1...100).contains(queue.count) { throw APIError.invalid("queue", "must be 1 to 100 characters") }
        return try request.jobReference(parameter: "id")
    }

    /// Where a job is shown: `/api/jobs/ID`, with `?queue=` for a BullMQ job on Redis.
    static func location(of job: JobReference) -> String {
        let path = "/api/jobs/\(job.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? job.id)"
        return job.queue.map { "\(path)?queue=\($0)" } ?? path
    }
}

extension Request {
    /// The job the path parameter `parameter` and the `queue` query name: with `queue` naming a BullMQ queue on Redis,
    /// any BullMQ id; otherwise a SQL job's positive number. One rule for the API and the dashboard.
    func jobReference(parameter: String) throws -> JobReference {
        let id = parameters.get(parameter) ?? ""
        if let queue = query[String.self, at: "queue"], JobPlacement.redisQueueNames.contains(queue), (try appServices.jobsRedis) != nil {
            guard (1...255).contains(id.count) else { throw APIError.invalid(parameter, "must be 1 to 255 characters") }
            return JobReference(id: id, queue: queue)
        }
        guard let number = Int64(id), number > 0 else { throw APIError.invalid(parameter, "must be a positive integer") }
        return JobReference(number)
    }
}
