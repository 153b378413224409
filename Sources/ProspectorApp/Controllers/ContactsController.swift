import ApolloIOClient
import Fluent
import ProspectorData
import Vapor

/// Local contacts (what enrichment and sync stored): list with filters and cursor pagination, show.
struct ContactsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let contacts = routes.grouped("contacts")
        contacts.get(use: list)
        contacts.get(":id", use: show)
    }

    @Sendable func list(request: Request) async throws -> ContactsResponse {
        try request.require(scope: "read")
        let limit = try request.queryInteger("limit", default: 50, 1...500)
        let query = ProspectorData.Contact.query(on: request.db).sort(\.$id)
        if let email = request.query[String.self, at: "email"] { query.filter(\.$email == EmailAddressNormalizer.normalize(email)) }
        if let organization = request.query[String.self, at: "organizationId"] {
            guard let id = UUID(uuidString: organization) else { throw APIError.invalid("organizationId", "must be a UUID") }
            query.filter(\.$organization.$id == id)
        }
        if let title = request.query[String.self, at: "title"] { query.filter(\.$title == title) }
        if let cursor = request.query[String.self, at: "cursor"] {
            guard let after = UUID(uuidString: cursor) else { throw APIError.invalid("cursor", "must be a cursor from a previous page") }
            query.filter(\.$id > after)
        }
        let page = try await query.limit(limit + 1).all()
        let contacts = try page.prefix(limit).map(ContactDTO.init)
        return ContactsResponse(contacts: contacts, nextCursor: page.count > limit ? contacts.last?.id.uuidString : nil)
    }

    @Sendable func show(request: Request) async throws -> ContactResponse {
        try request.require(scope: "read")
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw APIError.invalid("id", "must be a contact id (UUID)") }
        guard let contact = try await ProspectorData.Contact.find(id, on: request.db) else { throw APIError(.notFound, "no contact \(id)") }
        return ContactResponse(contact: try ContactDTO(contact))
    }
}

struct ContactsResponse: Content {
    var contacts: [ContactDTO]
    /// Pass as `cursor` for the next page; absent on the last page.
    var nextCursor: String?
}
