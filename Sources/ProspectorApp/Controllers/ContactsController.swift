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
        let cursor = try request.query[String.self, at: "cursor"].map { text in
            guard let after = UUID(uuidString: text) else { throw APIError.invalid("cursor", "must be a cursor from a previous page") }
            return after
        }
        let raw = try request.includesRawApolloData()
        let page = try await request.appServices.contacts.list(filter, after: cursor, limit: limit)
        return ContactsResponse(contacts: try page.contacts.map { try ContactDTO($0, rawApolloData: raw) }, nextCursor: page.nextCursor?.uuidString)
    }

    @Sendable func show(request: Request) async throws -> ContactResponse {
        try request.require(scope: .read)
        let id = try Self.id(request)
        let raw = try request.includesRawApolloData()
        return ContactResponse(contact: try ContactDTO(try await request.appServices.contacts.find(id), rawApolloData: raw))
    }

    /// Erases the person (admin; `erase=true` is required: there is no other delete): their data leaves every
    /// table, they are suppressed, and with `apollo=true` Apollo's CRM contact is cleared too.
    @Sendable func erase(request: Request) async throws -> ErasureResponse {
        try request.require(scope: .admin)
        let id = try Self.id(request)
        guard try Self.flag("erase", request) else { throw APIError.invalid("erase", "must be true: a contact is only deleted by erasure") }
        let report = try await request.appServices.erasure.erase(
            contactID: id, inApollo: try Self.flag("apollo", request), actor: request.auditActor())
        return ErasureResponse(report)
    }

    /// Everything held about the person, as one document (admin).
    @Sendable func export(request: Request) async throws -> Response {
        try request.require(scope: .admin)
        let document = try await request.appServices.subjectExport.export(contactID: try Self.id(request))
        let response = Response(status: .ok)
        try response.content.encode(document, as: .json)
        return response
    }

    private static func id(_ request: Request) throws -> UUID {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw APIError.invalid("id", "must be a contact id (UUID)")
        }
        return id
    }

    private static func flag(_ name: String, _ request: Request) throws -> Bool {
        switch request.query[String.self, at: name] {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.invalid(name, "must be true or false")
        }
    }
}
