import Foundation

/// A person saved in the team's Apollo workspace (CONTRACT §13.4).
public struct ApolloContact: Sendable, Hashable, Codable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var name: String?
    public var title: String?
    @UnlockedEmail public var email: String?
    public var emailStatus: String?
    public var linkedinUrl: String?
    public var organizationId: String?
    public var organizationName: String?
    public var accountId: String?
    public var contactStageId: String?
    public var ownerId: String?
    public var personId: String?
    public var labelIds: [String]?
    public var phoneNumbers: [PhoneNumber]?
    public var city: String?
    public var state: String?
    public var country: String?
    public var source: String?
    public var createdAt: Date?
    public var updatedAt: Date?
}

/// `{"contact": …}`.
public struct ContactEnvelope: Sendable, Hashable, Decodable {
    public var contact: ApolloContact
}

/// A page of contact search results.
public struct ContactSearchPage: Sendable, Hashable, Decodable {
    public var contacts: [ApolloContact]
    public var pagination: Pagination?
}

/// The answer to a bulk create: what was created and what already existed (left untouched).
public struct BulkCreateContactsResult: Sendable, Hashable, Decodable {
    public var createdContacts: [ApolloContact]
    public var existingContacts: [ApolloContact]
}
