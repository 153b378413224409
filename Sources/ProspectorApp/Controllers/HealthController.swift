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
        let runtime = request.application.apollo
        let body = HealthDTO(
            status: reachable ? "ok" : "degraded", version: ProspectorVersion.current,
            database: .init(engine: configuration.database.engine, reachable: reachable),
            apollo: .init(
                mode: runtime?.mode.rawValue ?? (configuration.isSandbox ? "sandbox" : "live"),
                baseURL: runtime?.client.configuration.baseURL ?? configuration.apolloBaseURL,
                lastRateLimit: runtime?.lastRateLimit))
        let response = Response(status: reachable ? .ok : .serviceUnavailable)
        try response.content.encode(body, as: .json)
        return response
    }
}
