import Foundation
import ProspectorServices
import Vapor

/// Local contacts (what enrichment and sync stored): list with filters and cursor pagination, show.
struct ContactsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped("contacts")
        contacts.get(use: list)
        contacts.get(":id", use: show)
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
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw APIError.invalid("id", "must be a contact id (UUID)")
        }
        let raw = try request.includesRawApolloData()
        return ContactResponse(contact: try ContactDTO(try await request.appServices.contacts.find(id), rawApolloData: raw))
    }
}
