import Foundation

/// A person saved in the team's Apollo workspace (CONTRACT §13.4).
public struct Contact: Sendable, Hashable, Codable {
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
    public var contact: Contact
}

/// A page of contact search results.
public struct ContactSearchPage: Sendable, Hashable, Decodable {
    public var contacts: [Contact]
    public var pagination: Pagination?
}

/// The answer to a bulk create: what was created and what already existed (left untouched).
public struct BulkCreateContactsResult: Sendable, Hashable, Decodable {
    public var createdContacts: [Contact]
    public var existingContacts: [Contact]
}

/// A contact or account stage (CONTRACT §8.8, §13.9).
public struct Stage: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var displayName: String?
    public var displayOrder: Double?
    public var category: String?
}

/// `{"contact_stages": […]}`.
public struct ContactStageList: Sendable, Hashable, Decodable {
    public var contactStages: [Stage]
}

/// `{"account_stages": […]}`.
public struct AccountStageList: Sendable, Hashable, Decodable {
    public var accountStages: [Stage]
}
