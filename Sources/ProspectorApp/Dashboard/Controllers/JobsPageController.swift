import ProspectorServices
import Vapor

/// `GET /jobs` (by queue and state), `GET /jobs/:id`, `POST /jobs/:id/retry|cancel` (write scope), and
/// `GET /jobs/live?ids=` for the running jobs' progress bars.
struct JobsPageController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let jobs = routes.grouped("jobs")
        jobs.get(use: list)
        jobs.get("live", use: live)
        jobs.get(":jobID", use: show)
        jobs.post(":jobID", "retry", use: retry)
        jobs.post(":jobID", "cancel", use: cancel)
    }

    @Sendable func list(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let queue = request.query[String.self, at: "queue"].flatMap { $0.isEmpty ? nil : $0 }
        let state = request.query[String.self, at: "state"].flatMap { $0.isEmpty ? nil : $0 }
        let service = try request.appServices.jobs
        let depths = try await service.depths()
        let page = JobsPage(
            chrome: try request.chrome("Jobs", section: "jobs"), depths: depths, queue: queue, state: state,
            jobs: try await service.list(state: state, queue: queue, limit: 100, includingRedis: depths.redisUnavailable == nil))
        return try await request.page("jobs", page)
    }

    @Sendable func show(request: Request) async throws -> Response {
        try request.require(scope: .read)
        let reference = try jobID(request)
        let job = try await request.appServices.jobs.find(reference)
        return try await request.page("job", JobPage(chrome: try request.chrome("Job \(reference.id)", section: "jobs"), job: JobRow(job)))
    }

    @Sendable func retry(request: Request) async throws -> Response {
        try request.require(scope: .write)
        let reference = try jobID(request)
        _ = try await request.appServices.jobs.retry(reference)
        return request.redirect(to: JobRow.link(reference, done: "retried"))
    }

    @Sendable func cancel(request: Request) async throws -> Response {
        try request.require(scope: .write)
        let reference = try jobID(request)
        _ = try await request.appServices.jobs.cancel(reference)
        return request.redirect(to: JobRow.link(reference, done: "cancelled"))
    }

    @Sendable func live(request: Request) async throws -> [JobLiveState] {
        try request.require(scope: .read)
        // `ids` lists SQL numbers and `queue:id` for BullMQ jobs on Redis, as the page's rows name them.
        let references = (request.query[String.self, at: "ids"] ?? "").split(separator: ",").prefix(100).map { JobRow.reference(String($0)) }
        let service = try request.appServices.jobs
        var states: [JobLiveState] = []
        for reference in references { if let job = try? await service.find(reference) { states.append(JobLiveState(job, reference: reference)) } }
        return states
    }

    private func jobID(_ request: Request) throws -> JobReference {
        try request.jobReference(parameter: "jobID")
    }
}
