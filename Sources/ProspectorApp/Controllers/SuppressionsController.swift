import ApolloIOClient
import Foundation
import ProspectorServices
import Vapor

/// The suppression list (admin): emails and domains Prospector must not process, stored as keyed hashes.
struct SuppressionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let suppressions = routes.grouped("suppressions")
        suppressions.post(use: add)
        suppressions.get(use: list)
        suppressions.delete(":id", use: remove)
    }

    @Sendable func add(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        let body = try JSONBody.decode(SuppressionBody.self, from: request)
        let (kind, value) = body.entry
        let (entry, created) = try await request.appServices.suppressions.add(
            kind, value, reason: .request, actor: request.auditActor(), on: request.appServices.database)
        let response = Response(status: created ? .created : .ok)
        try response.content.encode(SuppressionCreated(suppression: SuppressionDTO(entry), existing: !created), as: .json)
        return response
    }

    /// The list by page, or, with `email` and/or `domain`, the entries for those values (none when not suppressed).
    @Sendable func list(request: Request) async throws -> SuppressionsResponse {
        try request.require(scope: .admin)
        let services = try request.appServices
        // Every parameter is checked, whichever form of the route is used.
        let limit = try request.queryInteger("limit", default: 100, 1...1_000)
        let cursor = try request.queryCursor()
        let email = request.query[String.self, at: "email"]
        let domain = request.query[String.self, at: "domain"]
        if let email, !EmailAddressNormalizer.isPlausible(email) { throw APIError.invalid("email", "must be an email address") }
        if let domain, !DomainName.isPlain(domain) { throw APIError.invalid("domain", "must be a domain name such as example.com") }
        if email != nil || domain != nil {
            var found: [SuppressionDTO] = []
            for (kind, value) in [(SuppressionKind.email, email), (.domain, domain)] {
                guard let value, let entry = try await services.suppressions.find(kind, value, on: services.database) else { continue }
                found.append(SuppressionDTO(entry))
            }
            return SuppressionsResponse(suppressions: found)
        }
        let page = try await services.suppressions.list(after: cursor, limit: limit, on: services.database)
        return SuppressionsResponse(
            suppressions: page.map(SuppressionDTO.init), nextCursor: page.count == limit ? page.last?.id?.uuidString : nil)
    }

    @Sendable func remove(request: Request) async throws -> HTTPStatus {
        try request.require(scope: .admin)
        let id = try request.uuidParameter("a suppression id")
        try await request.appServices.suppressions.remove(id, actor: request.auditActor(), on: request.appServices.database)
        return .noContent
    }
}
