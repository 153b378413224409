import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import ProspectorData

/// A deal as our API shows it (ids are Apollo's opportunity ids, which is what a team's other tools know).
public struct DealView: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var amount: Double?
    public var stage: String?
    public var stageId: String?
    /// The owner's name as Apollo's users list knows it (the owner's id when the list does not name them).
    public var owner: String?
    public var ownerId: String?
    public var accountId: String?
    public var closeDate: String?
}

/// What a deal update changes; nil leaves a field as it is.
public struct DealChanges: Sendable, Equatable {
    public var name: String?
    public var amount: Double?
    public var stageId: String?
    public var ownerId: String?
    public var closeDate: String?

    public init(name: String? = nil, amount: Double? = nil, stageId: String? = nil, ownerId: String? = nil, closeDate: String? = nil) {
        self.name = name
        self.amount = amount
        self.stageId = stageId
        self.ownerId = ownerId
        self.closeDate = closeDate
    }
}

/// Deals in Apollo, mirrored locally (by Apollo id) and audited on every change.
public struct DealService: Sendable {
    let client: ApolloClient
    let database: any Database
    let audit: AuditService

    public init(client: ApolloClient, database: any Database, audit: AuditService = AuditService()) {
        self.client = client
        self.database = database
        self.audit = audit
    }

    /// The pipeline's stages (cached 5 minutes by the client), mirrored into `deal_stages`.
    public func stages() async throws -> [OpportunityStage] {
        try await StageMirroring(client: client, database: database).refresh()
    }

    public func create(
        name: String, amount: Double?, ownerId: String, accountId: String?, stageId: String?, contactIDs: [String],
        actor: AuditActor
    ) async throws -> DealView {
        let input = OpportunityInput(name: name, ownerId: ownerId, accountId: accountId, amount: amount.map(Self.digits), opportunityStageId: stageId)
        let opportunity = try await client.createOpportunity(input).value.opportunity
        return try await mirror(opportunity, action: "deal.created", before: nil, contactIDs: contactIDs, actor: actor)
    }

    public func list(page: Int, perPage: Int) async throws -> (deals: [DealView], pagination: Pagination?) {
        let result = try await client.searchOpportunities(OpportunitySearchRequest(page: page, perPage: perPage)).value
        let names = try await stageNames()
        let owners = await ownerNames()
        return (result.opportunities.map { Self.view($0, stageNames: names, ownerNames: owners) }, result.pagination)
    }

    public func show(id: String) async throws -> DealView {
        Self.view(try await client.opportunity(id: id).value.opportunity, stageNames: try await stageNames(), ownerNames: await ownerNames())
    }

    public func update(id: String, changes: DealChanges, actor: AuditActor) async throws -> DealView {
        let before = try await show(id: id)
        let input = OpportunityInput(
            name: changes.name, ownerId: changes.ownerId, amount: changes.amount.map(Self.digits),
            opportunityStageId: changes.stageId, closedDate: changes.closeDate)
        let opportunity = try await client.updateOpportunity(id: id, input).value.opportunity
        let action = changes.stageId != nil && changes.stageId != before.stageId ? "deal.stage_changed" : "deal.updated"
        return try await mirror(opportunity, action: action, before: before, contactIDs: [], actor: actor)
    }

    private func mirror(_ opportunity: Opportunity, action: String, before: DealView?, contactIDs: [String], actor: AuditActor) async throws
        -> DealView
    {
        // Stages are mirrored on writes only, so that the stored deal can link its stage.
        let view = Self.view(opportunity, stageNames: Self.names(try await stages()), ownerNames: await ownerNames())
        try await database.safeTransaction { [audit] transaction in
            try await CRMMirroring().store(opportunity, on: transaction)
            guard let deal = try await Deal.query(on: transaction).filter(\.$apolloID == opportunity.id).first() else { return }
            for contactID in contactIDs {
                guard let contact = try await Contact.query(on: transaction).filter(\.$apolloID == contactID).first() else { continue }
                try await deal.$contacts.attach(contact, method: .ifNotExists, on: transaction)
            }
            try await audit.record(action, entityType: "deal", entityID: opportunity.id, before: before, after: view, actor: actor, on: transaction)
        }
        return view
    }

    /// Stage names by id, for showing deals: read from the client (cached), nothing written.
    private func stageNames() async throws -> [String: String] {
        Self.names(try await client.opportunityStages().value.opportunityStages)
    }

    /// Owners' names by user id, from Apollo's users list (cached by the client for five minutes). A list Apollo will
    /// not give (a key without the master scope) leaves the ids in place rather than failing the deal.
    private func ownerNames() async -> [String: String] {
        guard let users = try? await client.searchUsers(PageRequest(perPage: PageRequest.maxPerPage)).value.users else { return [:] }
        return Dictionary(
            users.compactMap { user in FullName.of(name: user.name, first: user.firstName, last: user.lastName).map { (user.id, $0) } },
            uniquingKeysWith: { first, _ in first })
    }

    private static func names(_ stages: [OpportunityStage]) -> [String: String] {
        Dictionary(stages.map { ($0.id, $0.name ?? $0.id) }, uniquingKeysWith: { first, _ in first })
    }

    static func view(_ opportunity: Opportunity, stageNames: [String: String], ownerNames: [String: String]) -> DealView {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return DealView(
            id: opportunity.id, name: opportunity.name ?? "", amount: opportunity.amount,
            stage: opportunity.opportunityStageId.flatMap { stageNames[$0] } ?? opportunity.stageName, stageId: opportunity.opportunityStageId,
            owner: opportunity.ownerId.map { ownerNames[$0] ?? $0 }, ownerId: opportunity.ownerId, accountId: opportunity.accountId,
            closeDate: opportunity.closedDate.map(formatter.string(from:)))
    }

    /// Apollo takes amounts as digits only (a comma blanks the amount, CONTRACT §9.1).
    static func digits(_ amount: Double) -> String { String(Int64(amount.rounded())) }
}
