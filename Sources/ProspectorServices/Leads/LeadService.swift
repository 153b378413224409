import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Lead search (free) and enrichment (credits): one person now, or many as a job; every enriched person is stored as
/// a contact linked to its organization.
public struct LeadService: Sendable {
    /// Where a bulk enrichment went.
    public enum BulkEnrichmentAcceptance: Sendable {
        /// Enqueued: a SQL job, or a BullMQ job on Redis (the reference names its queue).
        case enqueued(JobReference)
        /// Held: its worst case is above the approval threshold.
        case awaitingApproval(SpendApproval, EnrichmentEstimate)
    }

    let client: ApolloClient
    let enrichment: EnrichmentService
    let database: any Database
    let approvals: SpendApprovalService?
    /// Bulk enrichment whose worst case is above this waits for approval (nil: never).
    let approvalThresholdCredits: Double?
    let placement: JobPlacement

    public init(
        client: ApolloClient, enrichment: EnrichmentService, database: any Database, approvals: SpendApprovalService? = nil,
        approvalThresholdCredits: Double? = nil, placement: JobPlacement = JobPlacement(redis: nil)
    ) {
        self.placement = placement
        self.client = client
        self.enrichment = enrichment
        self.database = database
        self.approvals = approvals
        self.approvalThresholdCredits = approvalThresholdCredits
    }

    public func search(_ search: LeadSearch) async throws -> LeadPage {
        let request = PeopleSearchRequest(
            personTitles: search.titles, qKeywords: search.keywords, personLocations: search.locations, personSeniorities: search.seniorities,
            qOrganizationDomainsList: search.domains?.map(DomainName.normalize), organizationNumEmployeesRanges: search.employeeRanges,
            page: search.page, perPage: search.perPage)
        let page = try await client.searchPeople(request).value
        let total = page.totalEntries ?? page.pagination?.totalEntries
        return LeadPage(
            people: page.people, page: search.page, perPage: search.perPage, totalEntries: total,
            totalPages: page.pagination?.totalPages ?? total.map { ($0 + search.perPage - 1) / search.perPage })
    }

    /// Enriches one person (from memory when fresh) and stores the contact; nil when Apollo knows no one matching,
    /// ``ServiceError/suppressed(_:)`` when the person is suppressed.
    public func enrich(_ identity: PersonIdentity, options: EnrichmentOptions = EnrichmentOptions(), actor: AuditActor)
        async throws -> Contact?
    {
        let (results, contacts) = try await enrichment.enrichAndStore([identity], options: options, actor: actor)
        if case .suppressed(let kind) = results.first?.source { throw ServiceError.suppressed(kind.skipReason) }
        return contacts.first
    }

    /// The payload with suppressed people blanked out (kept as their index and why): a stored job must not name them.
    private func withoutSuppressed(_ payload: EnrichJob.Payload) async throws -> EnrichJob.Payload {
        var payload = payload
        let kinds = try await enrichment.suppressed(payload.people.map(SuppressionSubject.init))
        let skipped = kinds.enumerated().compactMap { index, kind in kind.map { EnrichJob.SkippedInput(index: index, reason: $0.skipReason) } }
        guard !skipped.isEmpty else { return payload }
        for entry in skipped { payload.people[entry.index] = PersonIdentity() }
        payload.suppressed = skipped
        return payload
    }

    /// What a bulk enrichment would spend, spending nothing.
    public func estimateBulk(_ people: [PersonIdentity], options: EnrichmentOptions?) async throws -> EnrichmentEstimate {
        try await enrichment.estimate(people, options: options ?? EnrichmentOptions())
    }

    /// Enqueues a bulk enrichment job (ten people per Apollo call), or, when its worst case is above the approval
    /// threshold, holds it for an admin's approval.
    public func enqueueBulk(_ people: [PersonIdentity], options: EnrichmentOptions?, apiKeyID: String?) async throws -> BulkEnrichmentAcceptance {
        let payload = try await withoutSuppressed(EnrichJob.Payload(people: people, options: options, apiKeyID: apiKeyID))
        if let approvals, let threshold = approvalThresholdCredits {
            let estimate = try await estimateBulk(people, options: options)
            if estimate.worstCaseCredits > threshold {
                return .awaitingApproval(try await approvals.hold(payload, estimate: estimate, requestedBy: apiKeyID), estimate)
            }
        }
        let added = try await placement.enqueue(try EnrichJob.job(payload), on: database)
        return .enqueued(added.reference)
    }
}
