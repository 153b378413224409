import Foundation

/// The answer to `POST /people/match`. A 200 with `person == nil` means no match (and no credit spent).
public struct PersonMatchResult: Sendable, Hashable, Decodable {
    public var person: Person?
    /// Set when asynchronous work (phone reveal, waterfall) was started: the key for the webhook and for polling.
    public var requestId: RequestID?
    public var waterfall: WaterfallStatus?
}

/// Apollo's acknowledgement that a waterfall enrichment was accepted.
public struct WaterfallStatus: Sendable, Hashable, Codable {
    public var status: String?
    public var message: String?
}

/// The answer to `POST /people/bulk_match`: `matches` keeps the input order, with nil for misses.
public struct BulkMatchResult: Sendable, Hashable, Decodable {
    public var status: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var totalRequestedEnrichments: Int?
    public var uniqueEnrichedRecords: Int?
    public var missingRecords: Int?
    /// Credits charged for the call; may be fractional, and absent when a waterfall was requested.
    public var creditsConsumed: Decimal?
    public var matches: [Person?]
    public var requestId: RequestID?
    public var waterfall: WaterfallStatus?
}

/// The answer to `GET /organizations/enrich`; Apollo answers an unknown domain with no organization.
public struct OrganizationEnrichResult: Sendable, Hashable, Decodable {
    public var organization: ApolloOrganization?
}

/// The answer to `POST /organizations/bulk_enrich`.
public struct BulkOrganizationEnrichResult: Sendable, Hashable, Decodable {
    public var status: String?
    public var errorCode: String?
    public var errorMessage: String?
    public var uniqueEnrichedRecords: Int?
    public var missingRecords: Int?
    public var organizations: [ApolloOrganization?]
}

/// A page of organization search results. Apollo splits them between `organizations` (its database)
/// and `accounts` (already saved by the team); ``allOrganizations`` merges both.
public struct OrganizationSearchPage: Sendable, Hashable, Decodable {
    public var organizations: [ApolloOrganization]?
    public var accounts: [ApolloOrganization]?
    public var pagination: Pagination?
    public var modelIds: [String]?

    /// Saved accounts first, then the rest, without repeating an id.
    public var allOrganizations: [ApolloOrganization] {
        var seen = Set<String>()
        return ((accounts ?? []) + (organizations ?? [])).filter { organization in
            guard let id = organization.id else { return true }
            return seen.insert(id).inserted
        }
    }
}
