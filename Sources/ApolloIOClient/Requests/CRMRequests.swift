/// Fields of a contact to create or update (CONTRACT §8.1–8.2); nil fields are not sent.
public struct ContactInput: Sendable, Hashable, Codable {
    public var firstName: String?
    public var lastName: String?
    public var title: String?
    public var email: String?
    public var organizationName: String?
    public var accountId: String?
    public var websiteUrl: String?
    public var linkedinUrl: String?
    public var labelNames: [String]?
    public var contactStageId: String?
    public var ownerId: String?
    public var presentRawAddress: String?
    public var directPhone: String?
    public var mobilePhone: String?
    /// On create: update a matching contact in place instead of creating a duplicate.
    public var runDedupe: Bool?

    public init(
        firstName: String? = nil, lastName: String? = nil, title: String? = nil, email: String? = nil,
        organizationName: String? = nil, accountId: String? = nil, websiteUrl: String? = nil, linkedinUrl: String? = nil,
        labelNames: [String]? = nil, contactStageId: String? = nil, ownerId: String? = nil,
        presentRawAddress: String? = nil, directPhone: String? = nil, mobilePhone: String? = nil, runDedupe: Bool? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.title = title
        self.email = email
        self.organizationName = organizationName
        self.accountId = accountId
        self.websiteUrl = websiteUrl
        self.linkedinUrl = linkedinUrl
        self.labelNames = labelNames
        self.contactStageId = contactStageId
        self.ownerId = ownerId
        self.presentRawAddress = presentRawAddress
        self.directPhone = directPhone
        self.mobilePhone = mobilePhone
        self.runDedupe = runDedupe
    }
}

/// The body of `POST /contacts/bulk_create` (≤100 contacts).
public struct BulkCreateContactsRequest: Sendable, Hashable, Codable {
    /// Apollo's per-call maximum.
    public static let maxContacts = 100

    public var contacts: [ContactInput]
    public var appendLabelNames: [String]?
    public var ownerId: String?
    public var runDedupe: Bool?

    public init(contacts: [ContactInput], appendLabelNames: [String]? = nil, ownerId: String? = nil, runDedupe: Bool? = nil) {
        self.contacts = contacts
        self.appendLabelNames = appendLabelNames
        self.ownerId = ownerId
        self.runDedupe = runDedupe
    }
}

/// Filters of `POST /contacts/search` (the team's own contacts).
public struct ContactSearchRequest: Sendable, Hashable, Codable {
    public var qKeywords: String?
    public var contactStageIds: [String]?
    public var contactLabelIds: [String]?
    /// `contact_updated_at`, `contact_created_at`, … (CONTRACT §8.4).
    public var sortByField: String?
    public var sortAscending: Bool?
    public var page: Int?
    public var perPage: Int?

    public init(
        qKeywords: String? = nil, contactStageIds: [String]? = nil, contactLabelIds: [String]? = nil,
        sortByField: String? = nil, sortAscending: Bool? = nil, page: Int? = nil, perPage: Int? = nil
    ) {
        self.qKeywords = qKeywords
        self.contactStageIds = contactStageIds
        self.contactLabelIds = contactLabelIds
        self.sortByField = sortByField
        self.sortAscending = sortAscending
        self.page = page
        self.perPage = perPage
    }
}

/// Fields of an account to create or update (CONTRACT §8.10–8.11).
public struct AccountInput: Sendable, Hashable, Codable {
    public var name: String?
    public var domain: String?
    public var ownerId: String?
    public var accountStageId: String?
    public var phone: String?
    public var rawAddress: String?

    public init(
        name: String? = nil, domain: String? = nil, ownerId: String? = nil,
        accountStageId: String? = nil, phone: String? = nil, rawAddress: String? = nil
    ) {
        self.name = name
        self.domain = domain
        self.ownerId = ownerId
        self.accountStageId = accountStageId
        self.phone = phone
        self.rawAddress = rawAddress
    }
}

/// Filters of `POST /accounts/search`.
public struct AccountSearchRequest: Sendable, Hashable, Codable {
    public var qOrganizationName: String?
    public var accountStageIds: [String]?
    public var sortByField: String?
    public var sortAscending: Bool?
    public var page: Int?
    public var perPage: Int?

    public init(
        qOrganizationName: String? = nil, accountStageIds: [String]? = nil,
        sortByField: String? = nil, sortAscending: Bool? = nil, page: Int? = nil, perPage: Int? = nil
    ) {
        self.qOrganizationName = qOrganizationName
        self.accountStageIds = accountStageIds
        self.sortByField = sortByField
        self.sortAscending = sortAscending
        self.page = page
        self.perPage = perPage
    }
}
