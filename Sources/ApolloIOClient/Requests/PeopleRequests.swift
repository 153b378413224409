/// Filters of the free people API search (CONTRACT §7.1).
public struct PeopleSearchRequest: Sendable, Hashable, Codable {
    public var personTitles: [String]?
    public var includeSimilarTitles: Bool?
    public var qKeywords: String?
    public var personLocations: [String]?
    public var personSeniorities: [String]?
    public var personDepartments: [String]?
    public var organizationLocations: [String]?
    public var qOrganizationDomainsList: [String]?
    public var organizationIds: [String]?
    /// Each `"min,max"`, for example `"1,10"`.
    public var organizationNumEmployeesRanges: [String]?
    public var revenueRange: NumericRange?
    public var contactEmailStatus: [String]?
    public var page: Int?
    public var perPage: Int?

    public init(
        personTitles: [String]? = nil, includeSimilarTitles: Bool? = nil, qKeywords: String? = nil,
        personLocations: [String]? = nil, personSeniorities: [String]? = nil, personDepartments: [String]? = nil,
        organizationLocations: [String]? = nil, qOrganizationDomainsList: [String]? = nil, organizationIds: [String]? = nil,
        organizationNumEmployeesRanges: [String]? = nil, revenueRange: NumericRange? = nil,
        contactEmailStatus: [String]? = nil, page: Int? = nil, perPage: Int? = nil
    ) {
        self.personTitles = personTitles
        self.includeSimilarTitles = includeSimilarTitles
        self.qKeywords = qKeywords
        self.personLocations = personLocations
        self.personSeniorities = personSeniorities
        self.personDepartments = personDepartments
        self.organizationLocations = organizationLocations
        self.qOrganizationDomainsList = qOrganizationDomainsList
        self.organizationIds = organizationIds
        self.organizationNumEmployeesRanges = organizationNumEmployeesRanges
        self.revenueRange = revenueRange
        self.contactEmailStatus = contactEmailStatus
        self.page = page
        self.perPage = perPage
    }
}

/// What identifies a person to enrich; more identifiers give a better match (CONTRACT §7.3).
public struct PersonIdentity: Sendable, Hashable, Codable {
    public var id: String?
    public var email: String?
    public var hashedEmail: String?
    public var linkedinUrl: String?
    public var firstName: String?
    public var lastName: String?
    public var name: String?
    public var organizationName: String?
    public var domain: String?

    public init(
        id: String? = nil, email: String? = nil, hashedEmail: String? = nil, linkedinUrl: String? = nil,
        firstName: String? = nil, lastName: String? = nil, name: String? = nil,
        organizationName: String? = nil, domain: String? = nil
    ) {
        self.id = id
        self.email = email
        self.hashedEmail = hashedEmail
        self.linkedinUrl = linkedinUrl
        self.firstName = firstName
        self.lastName = lastName
        self.name = name
        self.organizationName = organizationName
        self.domain = domain
    }
}

/// Reveal and waterfall flags; `webhookUrl` is required when any asynchronous flag is set.
public struct EnrichmentOptions: Sendable, Hashable, Codable {
    public var revealPersonalEmails: Bool?
    public var revealPhoneNumber: Bool?
    public var runWaterfallEmail: Bool?
    public var runWaterfallPhone: Bool?
    public var webhookUrl: String?

    public init(
        revealPersonalEmails: Bool? = nil, revealPhoneNumber: Bool? = nil,
        runWaterfallEmail: Bool? = nil, runWaterfallPhone: Bool? = nil, webhookUrl: String? = nil
    ) {
        self.revealPersonalEmails = revealPersonalEmails
        self.revealPhoneNumber = revealPhoneNumber
        self.runWaterfallEmail = runWaterfallEmail
        self.runWaterfallPhone = runWaterfallPhone
        self.webhookUrl = webhookUrl
    }
}

/// The body of `POST /people/match`: the identity and the options side by side.
struct PersonMatchBody: Encodable, Sendable {
    var identity: PersonIdentity
    var options: EnrichmentOptions

    func encode(to encoder: any Encoder) throws {
        try identity.encode(to: encoder)
        try options.encode(to: encoder)
    }
}

/// The body of `POST /people/bulk_match`.
struct BulkMatchBody: Encodable, Sendable {
    var details: [PersonIdentity]
}
