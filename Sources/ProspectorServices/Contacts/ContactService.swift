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
    /// `includeRaw`: read Apollo's record too (only when the caller shows it: it is most of a row).
    public func list(_ filter: ContactFilter, after cursor: UUID?, limit: Int, includeRaw: Bool = false) async throws -> ContactPage {
        let page = try await Contact.page(
            email: filter.email.map(EmailAddressNormalizer.normalize), organizationID: filter.organizationID, title: filter.title,
            after: cursor, limit: limit + 1, includeRaw: includeRaw, on: database)
        let contacts = Array(page.prefix(limit))
        return ContactPage(contacts: contacts, nextCursor: page.count > limit ? contacts.last?.id : nil)
    }

    /// The contact with `id`; ``ServiceError/notFound(_:)`` when there is none.
    public func find(_ id: UUID) async throws -> Contact {
        guard let contact = try await Contact.find(id, on: database) else { throw ServiceError.notFound("no contact \(id)") }
        return contact
    }
}
