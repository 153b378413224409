import FluentKit
import Foundation
import ProspectorData

/// One enrichment of a contact: when, through which Apollo route, what it cost.
public struct ContactEnrichment: Sendable, Equatable {
    public var at: Date
    /// The Apollo route that answered; nil for enrichments recorded before routes were kept.
    public var endpoint: String?
    public var credits: Double
    /// What identified the person in the request: `email`, `linkedin`, `apollo_id`, `name`…
    public var matchedBy: String
}

/// A contact with what happened to it: its enrichments and its audit trail, newest first.
public struct ContactHistory: Sendable {
    public var contact: Contact
    public var enrichments: [ContactEnrichment]
    public var audit: [AuditLog]
}

extension ContactService {
    /// Contacts whose email, name or organization contains `text`, newest first.
    public func search(_ text: String, limit: Int) async throws -> [Contact] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return try await Contact.query(on: database).sort(\.$createdAt, .descending).with(\.$organization).limit(limit).all()
        }
        return try await Contact.search(containing: trimmed, limit: limit, on: database)
    }

    /// The contact, its enrichments (from the enrichment memory, matched by Apollo id) and its audit entries.
    public func history(of id: UUID, limit: Int = 100) async throws -> ContactHistory {
        guard let contact = try await Contact.query(on: database).filter(\.$id == id).with(\.$organization).first() else {
            throw ServiceError.notFound("no contact \(id)")
        }
        var enrichments: [ContactEnrichment] = []
        if let apolloID = contact.apolloID {
            enrichments = try await EnrichmentAttempt.query(on: database).filter(\.$apolloID == apolloID).filter(\.$outcome == .matched)
                .sort(\.$attemptedAt, .descending).limit(limit).all()
                .map { attempt in
                    ContactEnrichment(
                        at: attempt.attemptedAt, endpoint: attempt.endpoint, credits: attempt.creditsCharged,
                        matchedBy: String(attempt.identityKey.prefix { $0 != ":" }))
                }
        }
        // Entries name a contact by our id, or by Apollo's where Apollo's record was the subject.
        let reader = AuditLogReader(database: database)
        var audit = try await reader.entries(AuditFilter(entityType: "contact", entityID: id.uuidString), limit: limit)
        if let apolloID = contact.apolloID { audit += try await reader.entries(AuditFilter(entityType: "contact", entityID: apolloID), limit: limit) }
        audit.sort { $0.occurredAt > $1.occurredAt }
        return ContactHistory(contact: contact, enrichments: enrichments, audit: Array(audit.prefix(limit)))
    }
}
