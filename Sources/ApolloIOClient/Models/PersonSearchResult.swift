import Foundation

/// One person from the free people API search (CONTRACT §13.1): no email, no phone, obfuscated last name.
public struct PersonSearchResult: Sendable, Hashable, Codable {
    public var id: String
    public var firstName: String?
    public var lastNameObfuscated: String?
    public var title: String?
    public var lastRefreshedAt: Date?
    public var hasEmail: Bool?
    public var hasCity: Bool?
    public var hasState: Bool?
    public var hasCountry: Bool?
    public var hasDirectPhone: DirectPhoneAvailability?
    public var organization: OrganizationFlags?

    /// The flags Apollo gives about the person's employer in search results.
    public struct OrganizationFlags: Sendable, Hashable, Codable {
        public var name: String?
        public var hasIndustry: Bool?
        public var hasPhone: Bool?
        public var hasCity: Bool?
        public var hasState: Bool?
        public var hasCountry: Bool?
        public var hasZipCode: Bool?
        public var hasRevenue: Bool?
        public var hasEmployeeCount: Bool?
    }
}

/// A page of people API search results.
///
/// `total_entries` is read at the top level (the official shape) and, failing that, from `pagination`.
public struct PeopleSearchPage: Sendable, Hashable, Decodable {
    public var people: [PersonSearchResult]
    public var totalEntries: Int?
    public var pagination: Pagination?

    enum CodingKeys: String, CodingKey { case people, totalEntries, pagination }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        people = try container.decodeIfPresent([PersonSearchResult].self, forKey: .people) ?? []
        pagination = try container.decodeIfPresent(Pagination.self, forKey: .pagination)
        totalEntries = try container.decodeIfPresent(Int.self, forKey: .totalEntries) ?? pagination?.totalEntries
    }
}
