import ProspectorServices
import Vapor

/// The audit log (read only, newest first): every mutation with its actor and request id.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    @Sendable func list(request: Request) async throws -> AuditResponse {
        try request.require(scope: .read)
        let limit = try request.queryInteger("limit", default: 100, 1...1_000)
        let filter = AuditFilter(
            entityType: request.query[String.self, at: "entityType"], entityID: request.query[String.self, at: "entityId"],
            action: request.query[String.self, at: "action"])
        return AuditResponse(entries: try await request.appServices.audit.entries(filter, limit: limit).map(AuditEntryDTO.init))
    }
}
