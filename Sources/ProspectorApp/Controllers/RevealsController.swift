import Foundation
import ProspectorServices
import Vapor

/// Asynchronous enrichment of stored contacts: ask for their phones (or a waterfall), then follow the reveal until
/// Apollo's result lands on the contacts.
struct RevealsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reveals = routes.grouped("reveals")
        reveals.post(use: create)
        reveals.get(use: list)
        reveals.get(":id", use: show)
    }

    @Sendable func create(request: Request) async throws -> Response {
        let keyID = try request.require(scope: .enrich)
        let body = try JSONBody.decode(RevealBody.self, from: request)
        let reveal = try await request.appServices.reveals.reveal(
            contactIDs: body.contactIds, kind: body.revealKind, actor: request.auditActor(), apiKeyID: keyID)
        let response = Response(status: .accepted)
        try response.content.encode(RevealResponse(reveal: RevealSummary(reveal)), as: .json)
        response.headers.replaceOrAdd(name: .location, value: "/api/reveals/\(try reveal.requireID())")
        return response
    }

    @Sendable func list(request: Request) async throws -> RevealsResponse {
        try request.require(scope: .read)
        return RevealsResponse(
            reveals: try await request.appServices.reveals.list(status: request.query[String.self, at: "status"]).map(RevealSummary.init))
    }

    @Sendable func show(request: Request) async throws -> RevealResponse {
        try request.require(scope: .read)
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError(.notFound, "no such reveal") }
        return RevealResponse(reveal: RevealSummary(try await request.appServices.reveals.find(id)))
    }
}
