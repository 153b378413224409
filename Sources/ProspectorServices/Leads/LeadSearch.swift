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
