import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// The contacts we keep (from enrichment and CRM sync): listing with filters and cursor pagination, and lookup.
public struct ContactService: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// Contacts in id order after `cursor`, at most `limit`.
    public func list(_ filter: ContactFilter, after cursor: UUID?, limit: Int) async throws -> ContactPage {
        let query = Contact.query(on: database).sort(\.$id)
        if let email = filter.email { query.filter(\.$email == EmailAddressNormalizer.normalize(email)) }
        if let organization = filter.organizationID { query.filter(\.$organization.$id == organization) }
        if let title = filter.title { query.filter(\.$title == title) }
        if let cursor { query.filter(\.$id > cursor) }
        let page = try await query.limit(limit + 1).all()
        let contacts = Array(page.prefix(limit))
        return ContactPage(contacts: contacts, nextCursor: page.count > limit ? contacts.last?.id : nil)
    }

    /// The contact with `id`; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ id: UUID) async throws -> Contact {
        guard let contact = try await Contact.find(id, on: database) else { throw ServiceError.notFound("no contact \(id)") }
        return contact
    }
}
