import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// Everything Prospector holds about one person, as one document (a data subject's access request).
public struct SubjectExport: Sendable {
    let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The document for contact `id` (also a contact sync has soft-deleted).
    public func export(contactID id: UUID, at now: Date = Date()) async throws -> SubjectExportDocument {
        guard let contact = try await Contact.query(on: database).withDeleted().filter(\.$id == id).first() else {
            throw ServiceError.notFound("contact \(id) does not exist")
        }
        let apolloIDs = [contact.apolloID].compactMap { $0 }
        var keys = apolloIDs.map { "id:\($0)" }
        if let email = contact.email { keys += ["email:\(email)", "email:\(email)+personal"] }
        let attempts = try await EnrichmentAttempt.query(on: database).group(.or) { group in
            group.filter(\.$identityKey ~~ keys)
            if !apolloIDs.isEmpty { group.filter(\.$apolloID ~~ apolloIDs) }
        }.sort(\.$attemptedAt).all()
        let reveals = try await PhoneReveal.query(on: database).sort(\.$createdAt).all().filter { $0.contactIDs.contains(id) }
        let deals = try await contact.$deals.query(on: database).withDeleted().all()
        let trail = try await AuditLog.query(on: database).group(.or) { group in
            group.group(.and) { $0.filter(\.$entityType == "contact").filter(\.$entityID == id.uuidString) }
            for apolloID in apolloIDs { group.filter(\.$after, .contains(inverse: false, .anywhere), apolloID) }
        }.sort(\.$occurredAt).all()
        return SubjectExportDocument(
            exportedAt: now, contact: SubjectExportDocument.ContactFields(contact), apolloRecord: JSONNode(text: contact.rawJSON),
            enrichmentHistory: attempts.map(SubjectExportDocument.Enrichment.init),
            reveals: reveals.map(SubjectExportDocument.Reveal.init),
            deals: deals.map { SubjectExportDocument.DealLink(id: $0.id, apolloId: $0.apolloID, name: $0.name) },
            sequences: trail.filter { $0.action.hasPrefix("sequence.") }.map(SubjectExportDocument.AuditEntry.init),
            tasks: trail.filter { $0.action.hasPrefix("task.") }.map(SubjectExportDocument.AuditEntry.init),
            auditTrail: trail.map(SubjectExportDocument.AuditEntry.init))
    }
}

/// ``SubjectExport``'s answer.
public struct SubjectExportDocument: Encodable, Sendable {
    public var exportedAt: Date
    public var contact: ContactFields
    /// Apollo's record of the person as last stored (null when retention cleared it).
    public var apolloRecord: JSONNode
    public var enrichmentHistory: [Enrichment]
    public var reveals: [Reveal]
    public var deals: [DealLink]
    /// Sequence enrolments and removals naming the person.
    public var sequences: [AuditEntry]
    /// Tasks created for the person.
    public var tasks: [AuditEntry]
    /// Every audit entry about the person.
    public var auditTrail: [AuditEntry]

    public struct ContactFields: Encodable, Sendable {
        public var id: UUID?
        public var apolloId, email, firstName, lastName, name, title, seniority, linkedinUrl, stage, ownerId, source: String?
        public var departments: [String]
        public var phoneNumbers: [String]
        public var revealedPhoneNumbers: [String]?
        public var organizationId: UUID?
        public var enrichedAt, createdAt, updatedAt, deletedAt: Date?

        init(_ contact: Contact) {
            id = contact.id
            apolloId = contact.apolloID
            email = contact.email
            firstName = contact.firstName
            lastName = contact.lastName
            name = contact.name
            title = contact.title
            seniority = contact.seniority
            linkedinUrl = contact.linkedinURL
            stage = contact.stage
            ownerId = contact.ownerID
            source = contact.source
            departments = contact.departments
            phoneNumbers = contact.phoneNumbers
            revealedPhoneNumbers = contact.revealedPhoneNumbers
            organizationId = contact.$organization.id
            enrichedAt = contact.enrichedAt
            createdAt = contact.createdAt
            updatedAt = contact.updatedAt
            deletedAt = contact.deletedAt
        }
    }

    public struct Enrichment: Encodable, Sendable {
        public var attemptedAt: Date
        /// `person` or `organization`; the endpoint family that answered.
        public var subject: String
        public var outcome: String
        public var creditsCharged: Double
        public var apolloId: String?
        public var result: JSONNode

        init(_ attempt: EnrichmentAttempt) {
            attemptedAt = attempt.attemptedAt
            subject = attempt.subject
            outcome = attempt.outcome.rawValue
            creditsCharged = attempt.creditsCharged
            apolloId = attempt.apolloID
            result = JSONNode(text: attempt.resultJSON)
        }
    }

    public struct Reveal: Encodable, Sendable {
        public var id: UUID?
        public var kind: String
        public var status: String
        public var creditsConsumed: Double?
        public var phonesFound: Int
        public var emailsFound: Int
        public var result: JSONNode
        public var createdAt: Date?

        init(_ reveal: PhoneReveal) {
            id = reveal.id
            kind = reveal.kind.rawValue
            status = reveal.status.rawValue
            creditsConsumed = reveal.creditsConsumed
            phonesFound = reveal.phonesFound
            emailsFound = reveal.emailsFound
            result = JSONNode(text: reveal.resultJSON)
            createdAt = reveal.createdAt
        }
    }

    public struct DealLink: Encodable, Sendable {
        public var id: UUID?
        public var apolloId: String?
        public var name: String
    }

    public struct AuditEntry: Encodable, Sendable {
        public var occurredAt: Date
        public var action: String
        public var actorType: String
        public var actorId: String?
        public var details: JSONNode

        init(_ entry: AuditLog) {
            occurredAt = entry.occurredAt
            action = entry.action
            actorType = entry.actorType.rawValue
            actorId = entry.actorID
            details = JSONNode(text: entry.after)
        }
    }
}
