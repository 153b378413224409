import Foundation
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
        try request.require(scope: .admin)
        let body = try JSONBody.decode(CreateKeyBody.self, from: request)
        let (key, plaintext) = try await request.appServices.keys.create(name: body.name, scopes: body.apiScopes, actor: request.auditActor())
        let response = Response(status: .created)
        try response.content.encode(CreatedKeyResponse(key: plaintext, apiKey: try KeyDTO(key)), as: .json)
        return response
    }

    @Sendable func list(request: Request) async throws -> KeysResponse {
        try request.require(scope: .admin)
        return KeysResponse(keys: try await request.appServices.keys.list().map(KeyDTO.init))
    }

    @Sendable func revoke(request: Request) async throws -> KeyDTO {
        try request.require(scope: .admin)
        let id = try request.uuidParameter("a key id")
        return try KeyDTO(try await request.appServices.keys.revoke(id, actor: request.auditActor()))
    }
}
