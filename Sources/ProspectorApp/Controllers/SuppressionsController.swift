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

    /// The list by page, or, with `email` or `domain`, whether that value is suppressed (a list of zero or one).
    @Sendable func list(request: Request) async throws -> SuppressionsResponse {
        try request.require(scope: .admin)
        let services = try request.appServices
        if let email = request.query[String.self, at: "email"] {
            guard EmailAddressNormalizer.isPlausible(email) else { throw APIError.invalid("email", "must be an email address") }
            return SuppressionsResponse(
                suppressions: try await services.suppressions.find(.email, email, on: services.database).map { [SuppressionDTO($0)] } ?? [])
        }
        if let domain = request.query[String.self, at: "domain"] {
            guard DomainName.isPlain(domain) else { throw APIError.invalid("domain", "must be a domain name such as example.com") }
            return SuppressionsResponse(
                suppressions: try await services.suppressions.find(.domain, domain, on: services.database).map { [SuppressionDTO($0)] } ?? [])
        }
        let limit = try request.queryInteger("limit", default: 100, 1...1_000)
        let cursor = try request.queryCursor()
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
