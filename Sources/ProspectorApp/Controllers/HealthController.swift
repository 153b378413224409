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

/// The body of `GET /health`.
struct HealthDTO: Content {
    struct Database: Content {
        var engine: String
        var reachable: Bool
    }

    struct Apollo: Content {
        var mode: String
        var baseURL: String
        var lastRateLimit: ApolloRuntime.LastRateLimit?
    }

    var status: String
    var version: String
    var database: Database
    var apollo: Apollo
}

/// The version `/health` reports.
public enum ProspectorVersion {
    public static let current = "0.1.0"
}
