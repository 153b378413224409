import ApolloIOClient
import Foundation
import JobQueue

/// `bulk-search` on `apollo-enrichment`: searches people at each domain (one free search call per domain, a page of
/// 100), reporting progress after each domain. The people found are kept with the job's result, not stored as
/// contacts: search answers carry no email and an obfuscated last name, so they are leads to enrich (by their
/// Apollo `id`), not contacts yet.
public struct BulkSearchJob: ProspectorJob {
    public static let kind = "bulk-search"
    public static let queue = QueueName.apolloEnrichment
    public static let maxAttempts = QueueDefaults.apolloEnrichment.attempts
    public static var options: JobOptions { QueueDefaults.apolloEnrichment.options }
    /// Domains one job may search.
    public static let maxDomains = 100

    public struct Payload: Codable, Sendable, Equatable {
        public var domains: [String]

        public init(domains: [String]) { self.domains = domains }
    }

    /// The job's result: `total` people found over all domains, and each domain's people.
    public struct Outcome: Codable, Sendable, Equatable {
        public var total: Int
        public var domains: [DomainLeads]
    }

    /// The people found at one domain (`totalEntries` is Apollo's count, of which the first page is kept).
    public struct DomainLeads: Codable, Sendable, Equatable {
        public var domain: String
        public var totalEntries: Int?
        public var people: [Lead]
    }

    /// A person as the search shows them.
    public struct Lead: Codable, Sendable, Equatable {
        public var apolloId: String
        public var firstName: String?
        public var title: String?
    }

    /// Progress after each domain.
    struct Progress: Codable {
        var done: Int
        var total: Int
        var found: Int
    }

    let leads: LeadService

    public init(leads: LeadService) { self.leads = leads }

    public static func validate(_ payload: Payload) throws(ServiceError) {
        guard (1...maxDomains).contains(payload.domains.count) else {
            throw .invalid(field: "data.domains", problem: "must hold 1 to \(maxDomains) domains")
        }
        for (index, domain) in payload.domains.enumerated() where !DomainName.isPlain(domain) {
            throw .invalid(field: "data.domains[\(index)]", problem: "must be a domain name")
        }
    }

    public func run(_ payload: Payload, context: JobContext) async throws -> JobOutcome {
        var found: [DomainLeads] = []
        for domain in payload.domains.map(DomainName.normalize) {
            let page = try await leads.search(LeadSearch(domains: [domain], page: 1, perPage: LeadSearch.maxPerPage))
            found.append(
                DomainLeads(
                    domain: domain, totalEntries: page.totalEntries,
                    people: page.people.map { Lead(apolloId: $0.id, firstName: $0.firstName, title: $0.title) }))
            let progress = Progress(done: found.count, total: payload.domains.count, found: found.reduce(0) { $0 + $1.people.count })
            try await context.reportProgress(String(decoding: try JSONEncoder().encode(progress), as: UTF8.self))
        }
        return try .complete(encoding: Outcome(total: found.reduce(0) { $0 + $1.people.count }, domains: found))
    }
}
