import ApolloIOClient
import FluentKit
import Foundation
import ProspectorData

/// Apollo's CRM records (contacts, accounts, deals) copied into ours by Apollo id; every change writes its domain
/// events to the outbox in the same transaction (the caller's).
public struct CRMMirroring: Sendable {
    public init() {}

    @discardableResult
    public func store(_ contact: ApolloContact, on database: any Database) async throws -> UpsertOutcome {
        let raw = try AuditService.json(contact)
        let email = try await Contact.prepareCRMContact(contact.id, personID: contact.personId, email: contact.email, on: database)
        let (_, outcome) = try await Contact.upsert(apolloID: contact.id, on: database) { local in
            local.email = email
            local.firstName = contact.firstName
            local.lastName = contact.lastName
            local.name = FullName.of(name: contact.name, first: contact.firstName, last: contact.lastName)
            local.title = contact.title
            local.linkedinURL = contact.linkedinUrl
            local.stage = contact.contactStageId
            local.ownerID = contact.ownerId
            local.phoneNumbers = contact.phoneNumbers?.compactMap { $0.sanitizedNumber ?? $0.rawNumber } ?? []
            local.departments = local.$departments.value ?? []
            local.apolloUpdatedAt = contact.updatedAt
            local.source = "crm"
            local.rawJSON = raw
        }
        if outcome != .unchanged { try await emit("contact.\(outcome.rawValue)", "contact", contact.id, contact, on: database) }
        return outcome
    }

    @discardableResult
    public func store(_ account: ApolloAccount, on database: any Database) async throws -> UpsertOutcome {
        let raw = try AuditService.json(account)
        let (_, outcome) = try await Account.upsert(apolloID: account.id, on: database) { local in
            local.name = account.name ?? account.domain ?? account.id
            local.domain = account.domain.map(DomainName.normalize)
            local.organizationApolloID = account.organizationId
            local.stage = account.accountStageId
            local.ownerID = account.ownerId
            local.apolloUpdatedAt = account.updatedAt
            local.rawJSON = raw
        }
        if outcome != .unchanged { try await emit("account.\(outcome.rawValue)", "account", account.id, account, on: database) }
        return outcome
    }

    /// Stores a deal; a new deal is `deal.created`, a change of stage, amount or owner its own event with from and to.
    @discardableResult
    public func store(_ opportunity: Opportunity, on database: any Database) async throws -> UpsertOutcome {
        let previous = try await Deal.query(on: database).withDeleted().filter(\.$apolloID == opportunity.id).first()
        // Compared with Apollo's record as last stored: the local stage link is empty when the stage is not mirrored,
        // and comparing with it reported a stage change on every other change.
        let stored = previous?.rawJSON.flatMap(Self.storedOpportunity)
        let before = (stage: stored?.opportunityStageId, amount: stored?.amount ?? previous?.amount, owner: stored?.ownerId ?? previous?.ownerID)
        let stage =
            try await opportunity.opportunityStageId.asyncMap { try await DealStage.query(on: database).filter(\.$apolloID == $0).first() } ?? nil
        let raw = try AuditService.json(opportunity)
        let (_, outcome) = try await Deal.upsert(apolloID: opportunity.id, on: database) { local in
            local.name = opportunity.name ?? local.$name.value ?? ""
            local.amount = opportunity.amount
            local.currency = opportunity.currency?.isoCode
            local.$stage.id = stage?.id
            local.ownerID = opportunity.ownerId
            local.accountApolloID = opportunity.accountId
            local.closeDate = opportunity.closedDate
            local.apolloUpdatedAt = opportunity.updatedAt
            local.rawJSON = raw
        }
        switch outcome {
        case .created:
            try await emit("deal.created", "deal", opportunity.id, opportunity, on: database)
        case .updated:
            if before.stage != opportunity.opportunityStageId {
                try await emit(
                    "deal.stage_changed", "deal", opportunity.id, Change(from: before.stage, to: opportunity.opportunityStageId), on: database)
            }
            if before.amount != opportunity.amount {
                try await emit(
                    "deal.amount_changed", "deal", opportunity.id,
                    Change(from: before.amount.map { "\($0)" }, to: opportunity.amount.map { "\($0)" }),
                    on: database)
            }
            if before.owner != opportunity.ownerId {
                try await emit("deal.owner_changed", "deal", opportunity.id, Change(from: before.owner, to: opportunity.ownerId), on: database)
            }
        case .unchanged:
            break
        }
        return outcome
    }

    /// A record Apollo no longer has.
    public func deleted(_ entityType: String, apolloID: String, on database: any Database) async throws {
        try await emit("record.deleted", entityType, apolloID, ["apolloId": apolloID], on: database)
    }

    /// The opportunity as `rawJSON` keeps it (written by ``AuditService/json(_:)``).
    static func storedOpportunity(_ raw: String) -> Opportunity? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(Opportunity.self, from: Data(raw.utf8))
    }

    struct Change: Encodable {
        var from: String?
        var to: String?
    }

    private func emit(_ type: String, _ entityType: String, _ id: String, _ payload: any Encodable, on database: any Database) async throws {
        try await DomainEvent(type: type, entityType: entityType, entityID: id, payload: try AuditService.json(payload)).create(on: database)
    }
}
