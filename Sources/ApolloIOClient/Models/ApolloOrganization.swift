import Foundation

/// An organization (CONTRACT §13.3): the full shape from enrichment, the lighter one from search.
public struct ApolloOrganization: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    public var websiteUrl: String?
    public var linkedinUrl: String?
    public var primaryDomain: String?
    public var industry: String?
    public var industries: [String]?
    public var keywords: [String]?
    public var estimatedNumEmployees: Int?
    public var annualRevenue: Double?
    public var annualRevenuePrinted: String?
    public var foundedYear: Int?
    public var phone: String?
    public var rawAddress: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var shortDescription: String?
    public var technologyNames: [String]?
    public var accountId: String?
}
