import ProspectorServices
import Vapor

/// `GET /health`: no authentication; says whether the database answers and which Apollo this is.
struct HealthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    @Sendable func health(request: Request) async throws -> Response {
        let configuration = request.application.prospectorConfiguration
        let failure = await (try request.appServices).databaseHealth.check()
        if let failure { request.logger.warning("health: database unreachable", metadata: ["error": "\(String(reflecting: failure))"]) }
        let reachable = failure == nil
        let services = try request.appServices
        var jobsReachable = reachable
        if let redis = services.jobsRedis { jobsReachable = (try? await redis.send("PING"))?.string == "PONG" }
        let runtime = request.application.apollo
        let body = HealthDTO(
            status: reachable && jobsReachable ? "ok" : "degraded", version: ProspectorVersion.current,
            database: .init(engine: configuration.database.engine, reachable: reachable),
            apollo: .init(
                mode: runtime?.mode.rawValue ?? (configuration.isSandbox ? "sandbox" : "live"),
                baseURL: runtime?.client.configuration.baseURL ?? configuration.apolloBaseURL,
                lastRateLimit: runtime?.lastRateLimit),
            jobs: .init(backend: configuration.jobsBackend.name, reachable: jobsReachable))
        let response = Response(status: reachable && jobsReachable ? .ok : .serviceUnavailable)
        try response.content.encode(body, as: .json)
        // Like every 503 of the API: when to look again (a database restart is seconds, found by the chaos soak).
        if response.status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
        return response
    }
}
