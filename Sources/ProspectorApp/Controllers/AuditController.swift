import Fluent
import ProspectorData
import Vapor

/// The audit log (read only, newest first): every mutation with its actor and request id.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: list)
    }

    @Sendable func list(request: Request) async throws -> AuditResponse {
        try request.require(scope: "read")
        let limit = try request.queryInteger("limit", default: 100, 1...1_000)
        let query = AuditLog.query(on: request.db).sort(\.$occurredAt, .descending).sort(\.$id, .descending)
        if let type = request.query[String.self, at: "entityType"] { query.filter(\.$entityType == type) }
        if let id = request.query[String.self, at: "entityId"] { query.filter(\.$entityID == id) }
        if let action = request.query[String.self, at: "action"] { query.filter(\.$action == action) }
        return AuditResponse(entries: try await query.limit(limit).all().map(AuditEntryDTO.init))
    }
}

struct AuditEntryDTO: Content {
    var id: UUID?
    var occurredAt: Date
    var actorType: String
    var actorId: String?
    var action: String
    var entityType: String
    var entityId: String
    var before: AnyJSON
    var after: AnyJSON
    var requestId: String?

    init(_ entry: AuditLog) {
        id = entry.id
        occurredAt = entry.occurredAt
        actorType = entry.actorType.rawValue
        actorId = entry.actorID
        action = entry.action
        entityType = entry.entityType
        entityId = entry.entityID
        before = AnyJSON(text: entry.before)
        after = AnyJSON(text: entry.after)
        requestId = entry.requestID
    }
}

struct AuditResponse: Content {
    var entries: [AuditEntryDTO]
}
