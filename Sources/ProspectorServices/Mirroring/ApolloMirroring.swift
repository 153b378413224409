import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// Apollo's records copied into ours by Apollo id, with an audit entry for each real change.
public struct ApolloMirroring: Sendable {
    let audit: AuditService

    public init(audit: AuditService = AuditService()) { self.audit = audit }

    /// Stores an Apollo organization (by Apollo id) and returns ours.
    @discardableResult
    public func store(_ organization: ApolloOrganization, enriched: Bool, actor: AuditActor, on database: any Database)
        async throws -> Organization?
    {
        guard let apolloID = organization.id else { return nil }
        let raw = try AuditService.json(organization)
        let (record, outcome) = try await Organization.upsert(apolloID: apolloID, on: database) { local in
            local.name = organization.name ?? local.name
            local.primaryDomain = organization.primaryDomain.map(DomainName.normalize) ?? local.primaryDomain
            local.industry = organization.industry ?? local.industry
            local.employeeCount = organization.estimatedNumEmployees ?? local.employeeCount
            local.annualRevenue = organization.annualRevenue ?? local.annualRevenue
            local.city = organization.city ?? local.city
            local.state = organization.state ?? local.state
            local.country = organization.country ?? local.country
            local.rawJSON = raw
        }
        if enriched, record.enrichedAt == nil || outcome != .unchanged {
            record.enrichedAt = Date()
            try await record.save(on: database)
        }
        if outcome != .unchanged {
            try await audit.record(
                "organization.\(outcome.rawValue)", entityType: "organization", entityID: try record.requireID().uuidString,
                after: organization, actor: actor, on: database)
        }
        return record
    }

    /// Stores an enriched person as a contact (by Apollo person id), linked to its organization.
    @discardableResult
    public func store(_ person: Person, actor: AuditActor, on database: any Database) async throws -> Contact {
        let organization = try await person.organization.asyncMap { try await store($0, enriched: false, actor: actor, on: database) } ?? nil
        let raw = try AuditService.json(person)
        // A person already synced as a CRM contact is that contact: enrichment adds to it (keeping its CRM record).
        let key = try await Contact.upsertKey(forPerson: person.id, email: person.email, on: database)
        let (contact, outcome) = try await Contact.upsert(apolloID: key, on: database) { local in
            local.email = person.email.map(EmailAddressNormalizer.normalize) ?? local.email
            local.firstName = person.firstName ?? local.firstName
            local.lastName = person.lastName ?? local.lastName
            local.name = FullName.of(name: person.name, first: local.firstName, last: local.lastName) ?? local.name
            local.title = person.title ?? local.title
            local.seniority = person.seniority ?? local.seniority
            local.departments = person.departments ?? (local.$departments.value ?? [])
            local.phoneNumbers = person.phoneNumbers?.compactMap { $0.sanitizedNumber ?? $0.rawNumber } ?? (local.$phoneNumbers.value ?? [])
            local.linkedinURL = person.linkedinUrl ?? local.linkedinURL
            if let organization { local.$organization.id = organization.id }
            if local.source != "crm" { local.rawJSON = raw }
            local.source = local.source ?? "enrichment"
            local.enrichedAt = local.enrichedAt ?? Date()
        }
        if outcome != .unchanged {
            try await audit.record(
                "contact.\(outcome.rawValue)", entityType: "contact", entityID: try contact.requireID().uuidString,
                after: person, actor: actor, on: database)
        }
        return contact
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
