import Foundation
import ProspectorServices
import Vapor

/// Local contacts (what enrichment and sync stored): list with filters and cursor pagination, show.
struct ContactsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped("contacts")
        contacts.get(use: list)
        contacts.get(":id", use: show)
        contacts.delete(":id", use: erase)
        contacts.get(":id", "export", use: export)
    }

    @Sendable func list(request: Request) async throws -> ContactsResponse {
        try request.require(scope: .read)
        let limit = try request.queryInteger("limit", default: 50, 1...500)
        var filter = ContactFilter(email: request.query[String.self, at: "email"], title: request.query[String.self, at: "title"])
        if let organization = request.query[String.self, at: "organizationId"] {
            guard let id = UUID(uuidString: organization) else { throw APIError.invalid("organizationId", "must be a UUID") }
            filter.organizationID = id
        }
        let cursor = try request.queryCursor()
        let raw = try request.includesRawApolloData()
        let page = try await request.appServices.contacts.list(filter, after: cursor, limit: limit, includeRaw: raw)
        return ContactsResponse(contacts: try page.contacts.map { try ContactDTO($0, rawApolloData: raw) }, nextCursor: page.nextCursor?.uuidString)
    }

    @Sendable func show(request: Request) async throws -> ContactResponse {
        try request.require(scope: .read)
        let id = try request.uuidParameter("a contact id")
        let raw = try request.includesRawApolloData()
        return ContactResponse(contact: try ContactDTO(try await request.appServices.contacts.find(id), rawApolloData: raw))
    }

    /// Erases the person (admin; `erase=true` is required: there is no other delete): their data leaves every
    /// table, they are suppressed, and with `apollo=true` Apollo's CRM contact is cleared too.
    @Sendable func erase(request: Request) async throws -> ErasureResponse {
        try request.require(scope: .admin)
        let id = try request.uuidParameter("a contact id")
        guard try request.queryFlag("erase") else { throw APIError.invalid("erase", "must be true: a contact is only deleted by erasure") }
        let report = try await request.appServices.erasure.erase(
            contactID: id, inApollo: try request.queryFlag("apollo"), actor: request.auditActor())
        return ErasureResponse(report)
    }

    /// Everything held about the person, as one document (admin).
    @Sendable func export(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        let document = try await request.appServices.subjectExport.export(contactID: try request.uuidParameter("a contact id"))
        let response = Response(status: .ok)
        try response.content.encode(document, as: .json)
        return response
    }
}
