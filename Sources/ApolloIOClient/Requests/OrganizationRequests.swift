/// What identifies an organization to enrich (CONTRACT §7.5): at least one field.
public struct OrganizationIdentity: Sendable, Hashable, Codable {
    public var domain: String?
    public var linkedinUrl: String?
    public var name: String?
    public var website: String?

    public init(domain: String? = nil, linkedinUrl: String? = nil, name: String? = nil, website: String? = nil) {
        self.domain = domain
        self.linkedinUrl = linkedinUrl
        self.name = name
        self.website = website
    }
}

/// The body of `POST /organizations/bulk_enrich` in its `details` form.
struct OrganizationBulkEnrichBody: Encodable, Sendable {
    var details: [OrganizationIdentity]
}

/// Filters of the organization search (CONTRACT §7.7); 1 credit per page returned.
public struct OrganizationSearchRequest: Sendable, Hashable, Codable {
    public var qOrganizationDomainsList: [String]?
    public var qOrganizationName: String?
    public var organizationNumEmployeesRanges: [String]?
    public var organizationLocations: [String]?
    public var organizationNotLocations: [String]?
    public var revenueRange: NumericRange?
    public var qOrganizationKeywordTags: [String]?
    public var organizationIds: [String]?
    public var page: Int?
    public var perPage: Int?

    public init(
        qOrganizationDomainsList: [String]? = nil, qOrganizationName: String? = nil,
        organizationNumEmployeesRanges: [String]? = nil, organizationLocations: [String]? = nil,
        organizationNotLocations: [String]? = nil, revenueRange: NumericRange? = nil,
        qOrganizationKeywordTags: [String]? = nil, organizationIds: [String]? = nil, page: Int? = nil, perPage: Int? = nil
    ) {
        self.qOrganizationDomainsList = qOrganizationDomainsList
        self.qOrganizationName = qOrganizationName
        self.organizationNumEmployeesRanges = organizationNumEmployeesRanges
        self.organizationLocations = organizationLocations
        self.organizationNotLocations = organizationNotLocations
        self.revenueRange = revenueRange
        self.qOrganizationKeywordTags = qOrganizationKeywordTags
        self.organizationIds = organizationIds
        self.page = page
        self.perPage = perPage
    }
}
