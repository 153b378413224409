import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Lead search (free) and enrichment (credits): one person now, or many as a job; every enriched person is stored as
/// a contact linked to its organization.
public struct LeadService: Sendable {
    let client: ApolloClient
    let enrichment: EnrichmentService
    let database: any Database

    public init(client: ApolloClient, enrichment: EnrichmentService, database: any Database) {
        self.client = client
        self.enrichment = enrichment
        self.database = database
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

    /// Enriches one person (from memory when fresh) and stores the contact; nil when Apollo knows no one matching.
    public func enrich(_ identity: PersonIdentity, options: EnrichmentOptions = EnrichmentOptions(), actor: AuditActor)
        async throws -> Contact?
    {
        try await enrichment.enrichAndStore([identity], options: options, actor: actor).contacts.first
    }

    /// Enqueues a bulk enrichment job (ten people per Apollo call) and returns its id.
    public func enqueueBulk(_ people: [PersonIdentity], options: EnrichmentOptions?, apiKeyID: String?) async throws -> Int64 {
        try await EnrichJob.enqueue(EnrichJob.Payload(people: people, options: options, apiKeyID: apiKeyID), on: database).id
    }
}
