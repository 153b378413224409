import ProspectorData
import ProspectorServices
import Vapor

/// API keys (admin only): create with scopes (the secret is shown once), list, revoke.
struct KeysController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let keys = routes.grouped("keys")
        keys.post(use: create)
        keys.get(use: list)
        keys.delete(":id", use: revoke)
    }

    @Sendable func create(request: Request) async throws -> Response {
        try request.require(scope: "admin")
        let body = try JSONBody.decode(CreateKeyBody.self, from: request)
        let (key, plaintext) = try await APIKeyStore(database: request.db).create(name: body.name, scopes: Array(Set(body.scopes)).sorted())
        try await AuditService().record("api_key.created", entityType: "api_key", entityID: try key.requireID().uuidString,
                                        actor: request.auditActor(), on: request.db)
        let response = Response(status: .created)
        try response.content.encode(CreatedKeyResponse(key: plaintext, apiKey: try KeyDTO(key)), as: .json)
        return response
    }

    @Sendable func list(request: Request) async throws -> KeysResponse {
        try request.require(scope: "admin")
        return KeysResponse(keys: try await APIKeyStore(database: request.db).list().map(KeyDTO.init))
    }

    @Sendable func revoke(request: Request) async throws -> KeyDTO {
        try request.require(scope: "admin")
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError.invalid("id", "must be a key id (UUID)") }
        guard let key = try await APIKeyStore(database: request.db).revoke(id: id) else { throw APIError(.notFound, "no API key \(id)") }
        try await AuditService().record("api_key.revoked", entityType: "api_key", entityID: id.uuidString, actor: request.auditActor(), on: request.db)
        return try KeyDTO(key)
    }
}
