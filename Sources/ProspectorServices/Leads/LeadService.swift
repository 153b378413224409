import ApolloIOClient
import DatabaseSupport
import FluentKit
import Foundation
import JobQueue
import ProspectorData

/// Filters of a people search, in our API's terms.
public struct LeadSearch: Sendable, Equatable {
    public var domains: [String]?
    public var titles: [String]?
    public var seniorities: [String]?
    public var locations: [String]?
    public var employeeRanges: [String]?
    public var keywords: String?
    public var page: Int
    public var perPage: Int

    public init(
        domains: [String]? = nil, titles: [String]? = nil, seniorities: [String]? = nil, locations: [String]? = nil,
        employeeRanges: [String]? = nil, keywords: String? = nil, page: Int = 1, perPage: Int = 25
    ) {
        self.domains = domains
        self.titles = titles
        self.seniorities = seniorities
        self.locations = locations
        self.employeeRanges = employeeRanges
        self.keywords = keywords
        self.page = page
        self.perPage = perPage
    }

    /// Apollo's caps (CONTRACT §7.1): 100 per page, 500 pages.
    public static let maxPerPage = 100
    public static let maxPage = 500
}

/// A page of leads and where it sits.
public struct LeadPage: Sendable {
    public var people: [PersonSearchResult]
    public var page: Int
    public var perPage: Int
    public var totalEntries: Int?
    public var totalPages: Int?
}

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
